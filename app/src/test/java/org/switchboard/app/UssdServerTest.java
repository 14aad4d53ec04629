package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as started serves the USSD menu on its database's registry: the demo's Ivan dials *111# through the HTTP
 * gateway, reads his balance, and changes his tariff, which the desk's API then shows.
 */
class UssdServerTest {

    private static final String IVAN = "+79120000001";
    private static final String GATEWAY = "ussd-gateway-token-0123456789abcdef0123456789";

    @TempDir
    Path data;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void ivanReadsHisBalanceAndChangesHisTariffByUssd() throws Exception {
        ServerProcess server = ServerProcess.launchDemo(data);
        try {
            CenterApi api = new CenterApi(server.port, ServerProcess.TOKEN);
            api.post("/api/v1/users", "{\"name\":\"ussd-gateway\",\"role\":\"channel\",\"token\":\"" + GATEWAY + "\"}");
            String before =
                    api.get("/api/v1/subscribers/" + IVAN).path("tariff").asText();

            assertThat(ussd(server.port, "u1", "")).startsWith("CON МОТИВ *111#");
            assertThat(ussd(server.port, "u1", "1")).startsWith("END Баланс: ");
            assertThat(ussd(server.port, "u2", "")).startsWith("CON МОТИВ *111#");
            assertThat(ussd(server.port, "u2", "2")).startsWith("CON Ваш тариф: " + before);
            String list = ussd(server.port, "u2", "2*1");
            String target = list.split("\n")[1].replaceFirst("^1 ", "").replaceFirst(" [0-9.]+ RUB$", "");
            assertThat(ussd(server.port, "u2", "2*1*1")).contains(target, "1 Перейти");
            assertThat(ussd(server.port, "u2", "2*1*1*1")).isEqualTo("END Готово: ваш тариф " + target + ".");

            assertThat(api.get("/api/v1/subscribers/" + IVAN).path("tariff").asText())
                    .isEqualTo(target);
            assertThat(api.get("/api/v1/subscribers/" + IVAN + "/audit").toString())
                    .contains(IVAN + " (ussd-http)");

            assertThat(ussd(server.port, "u3", "")).contains("4 Перезвоните мне", "5 Расходы по SMS");
            assertThat(ussd(server.port, "u3", "4")).contains("Оператор перезвонит на этот номер", "1 Жду звонка");
            assertThat(ussd(server.port, "u3", "4*1")).matches("END Мы перезвоним вам\\. Вы [0-9]+-й в очереди\\.");
            assertThat(ussd(server.port, "u3", "4*1")).as("a gateway's repeat").startsWith("END Мы перезвоним вам");
            assertThat(ussd(server.port, "u5", "")).startsWith("CON");
            assertThat(ussd(server.port, "u5", "4")).startsWith("CON");
            assertThat(ussd(server.port, "u5", "4*1"))
                    .as("a new session asking again: the place the first callback keeps")
                    .startsWith("END Мы перезвоним вам");
            assertThat(api.get("/api/v1/subscribers/" + IVAN + "/contacts?limit=10")
                            .toString())
                    .as("one callback waits in line for Ivan")
                    .containsOnlyOnce("\"channel\":\"callback\"");
            assertThat(ussd(server.port, "u4", "")).startsWith("CON");
            assertThat(ussd(server.port, "u4", "5"))
                    .as("the demo has no SMSC: the subscriber is told, not misled")
                    .isEqualTo("END SMS не отправилось, попробуйте позже.");
        } finally {
            server.signal("TERM");
            server.awaitExit();
        }
    }

    private static String ussd(int port, String session, String text) throws Exception {
        return ussd(port, GATEWAY, IVAN, session, text);
    }

    /** One request of the HTTP USSD gateway holding {@code token}, for {@code msisdn}; the answer must be 200. */
    static String ussd(int port, String token, String msisdn, String session, String text) throws Exception {
        String form = "sessionId=" + session + "&serviceCode=" + enc("*111#") + "&phoneNumber=" + enc(msisdn) + "&text="
                + enc(text);
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/ussd"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .header("Authorization", "Bearer " + token)
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.body();
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
