package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.web.RunningCenter.ADMIN_TOKEN;
import static org.switchboard.web.RunningCenter.unique;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.switchboard.core.port.LineService;
import org.switchboard.core.port.Subscriber;
import org.switchboard.core.port.Tariff;
import org.switchboard.selfservice.UssdSessions;

/** The HTTP USSD gateway: a subscriber walks the menu, changes the tariff; bad forms are refused as JSON. */
class UssdGatewayTest {

    private static RunningCenter center;
    private static String gateway;

    @BeforeAll
    static void start() {
        center = new RunningCenter();
        center.subscribers.saveTariff(new Tariff("Motiv Smart", "300 minutes", 35_000, "RUB"));
        center.subscribers.saveTariff(new Tariff("Motiv Business", "unlimited", 90_000, "RUB"));
        center.subscribers.saveService(new LineService("Roaming", "calls abroad", 0, "RUB"));
        gateway = "ussd-gateway-token-" + unique("t") + "-0123456789abcdef";
        center.post(
                        "/api/v1/users",
                        ADMIN_TOKEN,
                        "{\"name\":\"" + unique("ussd") + "\",\"role\":\"channel\",\"token\":\"" + gateway + "\"}")
                .expect(201);
    }

    @AfterAll
    static void stop() {
        center.close();
    }

    private static String subscriber(String language) {
        String msisdn = "+7912" + (3_000_000 + Math.abs(unique("n").hashCode() % 6_000_000));
        center.subscribers.save(
                new Subscriber(msisdn, "Ivan Petrov", "Motiv Smart", 25_050, "RUB", List.of(), language), "word");
        return msisdn;
    }

    private static RunningCenter.Answer ussd(String token, String sessionId, String msisdn, String text) {
        String form = "sessionId=" + sessionId + "&serviceCode=" + enc("*111#") + "&phoneNumber=" + enc(msisdn)
                + "&text=" + enc(text);
        return center.send(form(token).POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** A request to the gateway's route with a form's content type (the only one). */
    private static HttpRequest.Builder form(String token) {
        return HttpRequest.newBuilder(center.uri("/api/v1/ussd"))
                .timeout(java.time.Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Bearer " + token);
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void aSubscriberChangesTheTariffThroughTheGatewayAsTheSubscriberAndTheSessionIsRecorded() {
        String msisdn = subscriber("ru");
        String session = unique("s");

        var first = ussd(gateway, session, msisdn, "").expect(200);
        assertThat(first.body()).startsWith("CON МОТИВ *111#").contains("2 Мой тариф");
        assertThat(ussd(gateway, session, msisdn, "2").expect(200).body()).startsWith("CON Ваш тариф: Motiv Smart");
        assertThat(ussd(gateway, session, msisdn, "2*1").expect(200).body()).contains("1 Motiv Business 900.00 RUB");
        assertThat(ussd(gateway, session, msisdn, "2*1*1").expect(200).body()).contains("900.00 RUB/мес", "1 Перейти");
        var done = ussd(gateway, session, msisdn, "2*1*1*1").expect(200);

        assertThat(done.body()).isEqualTo("END Готово: ваш тариф Motiv Business.");
        assertThat(center.subscribers.find(msisdn).orElseThrow().tariff()).isEqualTo("Motiv Business");
        assertThat(center.audit.about(msisdn, 10))
                .anySatisfy(r -> assertThat(r.actor()).contains(msisdn, "ussd-http"));
        assertThat(center.ussdEnded).anySatisfy(e -> {
            assertThat(e.msisdn()).isEqualTo(msisdn);
            assertThat(e.reason()).isEqualTo(UssdSessions.EndReason.COMPLETED);
            assertThat(e.topics()).containsExactly("tariff", "tariff-change");
        });
    }

    @Test
    void aSessionTheCenterDoesNotHoldStartsAtTheFirstScreenAndARepeatedLastRequestChangesNothing() {
        String msisdn = subscriber("en");

        assertThat(ussd(gateway, unique("s"), msisdn, "2*1*1*1").expect(200).body())
                .as("the answers are not walked again: one may confirm a change")
                .startsWith("CON MOTIV *111#");
        String session = unique("s");
        ussd(gateway, session, msisdn, "").expect(200);
        assertThat(ussd(gateway, session, msisdn, "1").expect(200).body()).isEqualTo("END Balance: 250.50 RUB");
        assertThat(ussd(gateway, session, msisdn, "1").expect(200).body())
                .as("a gateway's retry of the last request")
                .isEqualTo("END Balance: 250.50 RUB");
        assertThat(center.ussdEnded)
                .filteredOn(e -> e.msisdn().equals(msisdn) && e.reason() == UssdSessions.EndReason.COMPLETED)
                .as("the repeat is not a second session")
                .hasSize(1);
    }

    @Test
    void oneNumbersFloodIsCutOffWithoutTouchingAnotherNumber() {
        String flooding = subscriber("ru");
        String other = subscriber("ru");
        int served = 0;
        RunningCenter.Answer last = null;
        for (int i = 0; i <= UssdRoutes.PER_NUMBER_PER_MINUTE; i++) {
            last = ussd(gateway, unique("f"), flooding, "");
            if (last.status() == 200) {
                served++;
            }
        }
        assertThat(served).isEqualTo(UssdRoutes.PER_NUMBER_PER_MINUTE);
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.text("error")).isEqualTo("too_many_requests");
        assertThat(last.headers("Retry-After")).isNotEmpty();
        assertThat(ussd(gateway, unique("o"), other, "").status())
                .as("another number")
                .isEqualTo(200);
    }

    @Test
    void aMalformedEscapeOrABodyThatBreaksOffIsRefused() {
        String msisdn = subscriber("ru");
        String form = "sessionId=z1&serviceCode=*111%23&phoneNumber=" + enc(msisdn) + "&text=1%ZZ";
        var refused = center.send(form(gateway).POST(HttpRequest.BodyPublishers.ofString(form)))
                .expect(400);
        assertThat(refused.text("detail")).contains("%-escape");
        for (String text : new String[] {"%ff%fe", "1%2", "%C3"}) { // escapes of bytes that are no UTF-8; cut short
            String escaped = "sessionId=z2&serviceCode=*111%23&phoneNumber=" + enc(msisdn) + "&text=" + text;
            assertThat(center.send(form(gateway).POST(HttpRequest.BodyPublishers.ofString(escaped)))
                            .expect(400)
                            .text("detail"))
                    .as(text)
                    .contains("%-escape");
        }
        String cyrillic = "sessionId=z3&serviceCode=*111%23&phoneNumber=" + enc(msisdn) + "&text=%D0%B4+1";
        center.send(form(gateway).POST(HttpRequest.BodyPublishers.ofString(cyrillic)))
                .expect(200); // "д 1": escaped UTF-8 and a '+' read as they are meant
        center.send(form(gateway)
                        .setHeader("Content-Type", "application/x-www-form-urlencodedXYZ")
                        .POST(HttpRequest.BodyPublishers.ofString("sessionId=a")))
                .expect(415);
    }

    @Test
    void badFormsAndWrongPrincipalsAreRefusedAsJsonAndChangeNothing() {
        String msisdn = subscriber("ru");
        int ended = center.ussdEnded.size();

        assertThat(ussd(gateway, "s", "89120000001", "").expect(400).text("detail"))
                .contains("phoneNumber");
        assertThat(ussd(gateway, "", msisdn, "").expect(400).text("detail")).contains("sessionId");
        assertThat(ussd(gateway, "s", msisdn, "1".repeat(183)).expect(400).text("detail"))
                .contains("182");
        assertThat(ussd(gateway, "s", msisdn, "1\u00002").expect(400).text("error"))
                .isEqualTo("invalid");
        ussd(ADMIN_TOKEN, "s", msisdn, "").expect(403);
        ussd("no-such-token-0123456789abcdef0123456789", "s", msisdn, "").expect(401);
        center.post("/api/v1/ussd", gateway, "{\"sessionId\":\"s\"}").expect(415);
        String twice = "sessionId=a&sessionId=b&serviceCode=" + enc("*111#") + "&phoneNumber=" + enc(msisdn);
        center.send(form(gateway).POST(HttpRequest.BodyPublishers.ofString(twice)))
                .expect(400);

        assertThat(center.ussdEnded).hasSize(ended);
        assertThat(center.subscribers.find(msisdn).orElseThrow().tariff()).isEqualTo("Motiv Smart");
    }
}
