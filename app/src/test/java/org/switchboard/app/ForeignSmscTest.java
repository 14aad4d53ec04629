package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as an operator runs it ({@code smpp.host} set), bound to an SMSC that is not jsmpp: the npm {@code smpp}
 * package's server side ({@code src/test/smpp-peer}, installed by .ci/run). A subscriber's Cyrillic text (the
 * package sends it as UCS-2 by itself) becomes a contact in the demo's queue; an answer written through the API goes
 * back to the subscriber's number from the short number, the package reads it as the text written, and its delivery
 * receipt shows as "delivered" on the message. Then a USSD dialogue on the same link: *111# opens the menu (USSR
 * request, the package's its_session_info echoed) and "1" ends it with the balance (PSSR response, end of session).
 */
class ForeignSmscTest {

    static final Path PEER = Path.of("src/test/smpp-peer").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IVAN = "79120000001";

    @TempDir
    Path data;

    private Process smsc;
    private ServerProcess server;
    /** What the SMSC said and nobody awaited yet, oldest first (answers may come in either order). */
    private final List<JsonNode> said = new java.util.ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.signal("TERM");
            server.awaitExit();
        }
        if (smsc != null) {
            smsc.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Whether node and the package are there (.ci/run installs both). */
    static boolean installed() {
        return Files.isDirectory(PEER.resolve("node_modules/smpp"));
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aTextFromTheForeignSmscIsAnsweredInCyrillicAndItsReceiptShows() throws Exception {
        assertThat(installed())
                .as("the npm smpp package is not installed in %s (.ci/run installs it: npm ci there)", PEER)
                .isTrue();
        int port = startSmsc("switchboard", "s3cret");
        server = ServerProcess.launchDemo(
                data,
                Map.of(
                        "SWITCHBOARD_SMPP_HOST", "127.0.0.1",
                        "SWITCHBOARD_SMPP_PORT", Integer.toString(port),
                        "SWITCHBOARD_SMPP_PASSWORD", "s3cret"));
        CenterApi api = new CenterApi(server.port, ServerProcess.TOKEN);
        await(e -> e.path("event").asText().equals("bound"));

        order("deliver", Map.of("from", IVAN, "to", "111", "text", "Не работает интернет, помогите"));

        assertThat(await(e -> e.path("event").asText().equals("delivered"))
                        .path("status")
                        .asInt())
                .as("deliver_sm_resp: ESME_ROK, once the contact is durable")
                .isZero();
        JsonNode contact = waitingSms(api);
        assertThat(contact.path("from").asText()).isEqualTo("+" + IVAN);
        String id = contact.path("id").asText();
        JsonNode inbound =
                api.get("/api/v1/contacts/" + id + "/messages").path("messages").get(0);
        assertThat(inbound.path("text").asText()).isEqualTo("Не работает интернет, помогите");

        api.post(
                "/api/v1/contacts/" + id + "/messages", "{\"text\":\"Перезагрузите телефон: точка доступа internet\"}");

        JsonNode submit = await(e -> e.path("event").asText().equals("submit"));
        assertThat(submit.path("to").asText()).isEqualTo(IVAN);
        assertThat(submit.path("from").asText()).isEqualTo("111");
        assertThat(submit.path("dataCoding").asInt()).as("UCS-2").isEqualTo(8);
        assertThat(submit.path("text").asText())
                .as("as the foreign package decodes it")
                .isEqualTo("Перезагрузите телефон: точка доступа internet");
        assertThat(submit.path("registeredDelivery").asInt() & 0x03)
                .as("a receipt asked for")
                .isEqualTo(1);
        order("receipt", Map.of("id", submit.path("id").asText(), "to", IVAN, "from", "111", "stat", "DELIVRD"));
        assertThat(await(e -> e.path("event").asText().equals("receipt-answered"))
                        .path("status")
                        .asInt())
                .isZero();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String status = "";
        while (!status.equals("DELIVERED") && System.nanoTime() < deadline) {
            Thread.sleep(100);
            JsonNode messages = api.get("/api/v1/contacts/" + id + "/messages").path("messages");
            status = messages.get(messages.size() - 1).path("status").asText();
        }
        assertThat(status)
                .as("the answer's status after the receipt; the server said:%n%s", server.output())
                .isEqualTo("DELIVERED");
        assertThat(api.get("/health").toString()).contains("sms");

        order("ussd", Map.of("from", IVAN, "to", "*111#", "text", "*111#", "op", 1, "session", List.of(7, 0)));
        assertThat(await(e -> e.path("event").asText().equals("ussd-answered"))
                        .path("status")
                        .asInt())
                .isZero();
        JsonNode menu = await(e -> e.path("event").asText().equals("submit"));
        assertThat(menu.path("serviceType").asText()).isEqualTo("USSD");
        assertThat(menu.path("ussdServiceOp").asInt())
                .as("USSR request: the session goes on")
                .isEqualTo(2);
        assertThat(menu.path("sessionInfo").toString()).isEqualTo("[7,0]");
        assertThat(menu.path("text").asText()).contains("МОТИВ *111#", "1 Баланс");
        order("ussd", Map.of("from", IVAN, "to", "*111#", "text", "1", "op", 18, "session", List.of(7, 2)));
        JsonNode balance = await(e -> e.path("event").asText().equals("submit"));
        assertThat(balance.path("ussdServiceOp").asInt())
                .as("PSSR response: the last screen")
                .isEqualTo(17);
        assertThat(balance.path("sessionInfo").toString()).as("end of session").isEqualTo("[7,3]");
        assertThat(balance.path("text").asText()).startsWith("Баланс: ");
    }

    private JsonNode waitingSms(CenterApi api) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            for (JsonNode c : api.get("/api/v1/queues/info/contacts").path("contacts")) {
                if (c.path("channel").asText().equals("sms")) {
                    return c;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no SMS contact waits in info");
    }

    private int startSmsc(String systemId, String password) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("node", "smsc.js").directory(PEER.toFile());
        builder.environment().put("SMSC_SYSTEM_ID", systemId);
        builder.environment().put("SMSC_PASSWORD", password);
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        smsc = builder.start();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader out =
                            new BufferedReader(new InputStreamReader(smsc.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line = out.readLine(); line != null; line = out.readLine()) {
                            JsonNode event = JSON.readTree(line);
                            synchronized (said) {
                                said.add(event);
                                said.notifyAll();
                            }
                        }
                    } catch (IOException ignored) {
                        // the peer ended
                    }
                },
                "smsc-output");
        reader.setDaemon(true);
        reader.start();
        return await(e -> e.path("event").asText().equals("listening"))
                .path("port")
                .asInt();
    }

    private void order(String what, Map<String, ?> fields) throws IOException {
        ObjectNode line = JSON.createObjectNode();
        line.set(what, JSON.valueToTree(fields));
        OutputStream in = smsc.getOutputStream();
        in.write((JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** The first thing the SMSC said that {@code wanted} takes, waited for; what else it said stays for later. */
    private JsonNode await(Predicate<JsonNode> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        synchronized (said) {
            while (System.nanoTime() < deadline) {
                for (int i = 0; i < said.size(); i++) {
                    if (wanted.test(said.get(i))) {
                        return said.remove(i);
                    }
                }
                said.wait(100);
            }
        }
        throw new AssertionError(
                "the SMSC never said what was awaited; the server said:\n" + (server == null ? "" : server.output()));
    }
}
