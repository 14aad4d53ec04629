package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @TempDir
    Path dir;

    @Test
    void defaultsStartAnEmbeddedCenterOnLoopbackPort8080WithTheDemo() {
        Settings settings = Settings.load(null, Map.of(), Map.of());

        assertThat(settings.httpHost()).isEqualTo("127.0.0.1");
        assertThat(settings.httpPort()).isEqualTo(8080);
        assertThat(settings.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(settings.embeddedDatabase()).isTrue();
        assertThat(settings.demo()).isTrue();
        assertThat(settings.dbEmbeddedFsync()).isFalse();
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheFile() throws IOException {
        Path file = dir.resolve("switchboard.properties");
        Files.writeString(file, "http.port=9000\ndata.dir=/from/file\ndemo=false\nhttp.host=0.0.0.0\n");

        Settings settings = Settings.load(
                file, Map.of("SWITCHBOARD_PORT", "9100", "SWITCHBOARD_DATA", "/from/env"), Map.of("http.port", "9200"));

        assertThat(settings.httpPort()).isEqualTo(9200);
        assertThat(settings.dataDir()).isEqualTo(Path.of("/from/env"));
        assertThat(settings.demo()).isFalse();
        assertThat(settings.httpHost()).isEqualTo("0.0.0.0");
    }

    @Test
    void theMailChannelStartsOnlyWithAnImapHostAndTakesPasswordsOnlyFromTheEnvironment() throws IOException {
        assertThat(Settings.load(null, Map.of(), Map.of()).mail()).isNull();
        Path file = dir.resolve("switchboard.properties");
        Files.writeString(
                file,
                "mail.address=Help@Operator.Example\nmail.imap-host=mail.operator.example\n"
                        + "mail.routes=to:roaming@operator.example=roaming, subject:счёт=billing\n"
                        + "mail.billing.address=billing@operator.example\nmail.billing.imap-host=imap.operator.example\n"
                        + "mail.billing.smtp-port=465\nmail.from-name=MOTIV Support\n"
                        + "mail.signed-bounces=true\n");

        var mail = Settings.load(
                        file,
                        Map.of("SWITCHBOARD_MAIL_PASSWORD", "one", "SWITCHBOARD_MAIL_BILLING_PASSWORD", "two"),
                        Map.of())
                .mail();

        assertThat(mail.mailboxes()).hasSize(2);
        var main = mail.mailboxes().getFirst();
        assertThat(main.address()).isEqualTo("help@operator.example");
        assertThat(main.imapPort()).as("TLS by default").isEqualTo(993);
        assertThat(main.smtpHost()).isEqualTo("mail.operator.example");
        assertThat(main.smtpPort()).isEqualTo(587);
        assertThat(main.imapUser()).as("the address as written").isEqualTo("Help@Operator.Example");
        assertThat(main.password()).isEqualTo("one");
        assertThat(main.fromName()).isEqualTo("MOTIV Support");
        var billing = mail.mailboxes().get(1);
        assertThat(billing.name()).isEqualTo("billing");
        assertThat(billing.fromName())
                .as("each mailbox its own, none by default")
                .isNull();
        assertThat(billing.password()).isEqualTo("two");
        assertThat(billing.smtpPort()).isEqualTo(465);
        assertThat(mail.signedBounces()).as("for every mailbox").isTrue();
        assertThat(mail.bounceKey())
                .as("the data directory's, added when the channel starts")
                .isNull();
        assertThat(mail.routes())
                .extracting(r -> r.field() + "=" + r.queue())
                .containsExactly("to=roaming", "subject=billing");
        assertThat(mail.queue()).isEqualTo("email");
        assertThat(mail.acknowledges("roaming")).as("every queue by default").isTrue();
        assertThat(Settings.load(file, Map.of("SWITCHBOARD_MAIL_ACKNOWLEDGE_QUEUES", "email, billing"), Map.of())
                        .mail()
                        .acknowledges("roaming"))
                .isFalse();

        Files.writeString(
                file, "mail.address=help@operator.example\nmail.imap-host=mail.operator.example\nmail.tls=false\n");
        assertThatThrownBy(() -> Settings.load(file, Map.of(), Map.of()))
                .hasMessageContaining("plain text")
                .hasMessageContaining("mail.operator.example");
        Files.writeString(
                file,
                "mail.imap-host=127.0.0.1\nmail.tls=false\nmail.routes=subject=billing\n"
                        + "mail.address=help@operator.example\n");
        assertThatThrownBy(() -> Settings.load(file, Map.of(), Map.of())).hasMessageContaining("FIELD:VALUE=queue");
        Files.writeString(file, "mail.imap-host=127.0.0.1\n");
        assertThatThrownBy(() -> Settings.load(file, Map.of(), Map.of())).hasMessageContaining("mail.address");
        Files.writeString(
                file,
                "mail.imap-host=127.0.0.1\nmail.tls=false\nmail.address=help@operator.example\nmail.from-name="
                        + "x".repeat(65) + "\n");
        assertThatThrownBy(() -> Settings.load(file, Map.of(), Map.of())).hasMessageContaining("mail.from-name");
        Files.writeString(file, "mail.billing.address=billing@operator.example\n");
        assertThatThrownBy(() -> Settings.load(file, Map.of(), Map.of()))
                .hasMessageContaining("mail.billing.imap-host is required");
    }

    @Test
    void aPostgresUrlSelectsPostgres() {
        Settings settings = Settings.load(
                null, Map.of("SWITCHBOARD_DB_URL", "jdbc:postgresql://127.0.0.1:5432/switchboard"), Map.of());

        assertThat(settings.embeddedDatabase()).isFalse();
        assertThat(Server.databaseConfig(settings).jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/switchboard");
    }

    @Test
    void aMalformedNumberIsNamedInTheError() {
        assertThatThrownBy(() -> Settings.load(null, Map.of("SWITCHBOARD_PORT", "eighty"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http.port")
                .hasMessageContaining("SWITCHBOARD_PORT")
                .hasMessageContaining("eighty");
    }

    @Test
    void trustedProxiesAreAddressesOrBlocksNeverHostNames() throws Exception {
        Settings settings =
                Settings.load(null, Map.of("SWITCHBOARD_HTTP_TRUSTED_PROXIES", "10.0.0.0/8, ::1"), Map.of());
        assertThat(settings.trustedProxies().allows(java.net.InetAddress.getByName("10.2.3.4")))
                .isTrue();
        assertThat(settings.trustedProxies().allows(java.net.InetAddress.getByName("11.2.3.4")))
                .isFalse();
        assertThat(Settings.load(null, Map.of(), Map.of()).trustedProxies().isEmpty())
                .isTrue();
        assertThat(Settings.load(null, Map.of(), Map.of()).passwordChecksPerClient())
                .isEqualTo(1);

        assertThatThrownBy(() -> Settings.load(
                        null, Map.of("SWITCHBOARD_HTTP_TRUSTED_PROXIES", "10.0.0.1, proxy.example.org"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http.trusted-proxies")
                .hasMessageContaining("'proxy.example.org'");
        assertThatThrownBy(() -> Settings.load(
                        null, Map.of("SWITCHBOARD_HTTP_TRUSTED_PROXIES", "10.0.0.1, 203.0.113.5/0"), Map.of()))
                .as("a client anywhere could name itself")
                .hasMessageContaining("http.trusted-proxies")
                .hasMessageContaining("/0");
    }

    @Test
    void aNumberInAnotherScriptsDigitsIsMalformedToo() {
        assertThatThrownBy(() ->
                        Settings.load(null, Map.of("SWITCHBOARD_HTTP_READS_MAX_JOURNAL_LAG_MS", "\uFF15"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http.reads-max-journal-lag-ms")
                .hasMessageContaining("whole number");
    }

    @Test
    void aNumberOutOfRangeIsRefusedBeforeAnythingStarts() {
        assertThatThrownBy(() -> Settings.load(null, Map.of("SWITCHBOARD_PORT", "99999"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http.port")
                .hasMessageContaining("65535")
                .hasMessageContaining("99999");
        assertThatThrownBy(() -> Settings.load(null, Map.of("SWITCHBOARD_MAX_BODY_BYTES", "-1"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http.max-body-bytes")
                .hasMessageContaining("at least 1");
    }

    @Test
    void theStatementTimeoutOfRequestsReachesEitherDatabaseAndIsOneToSixtySeconds() {
        Settings embedded = Settings.load(null, Map.of("SWITCHBOARD_DB_STATEMENT_TIMEOUT_SECONDS", "2"), Map.of());
        Settings postgres = Settings.load(
                null,
                Map.of("SWITCHBOARD_DB_URL", "jdbc:postgresql://127.0.0.1:5432/switchboard"),
                Map.of("db.statement-timeout-seconds", "60"));

        assertThat(Server.databaseConfig(embedded).statementTimeoutSeconds()).isEqualTo(2);
        assertThat(Server.databaseConfig(postgres).statementTimeoutSeconds()).isEqualTo(60);
        assertThat(Server.databaseConfig(Settings.load(null, Map.of(), Map.of()))
                        .statementTimeoutSeconds())
                .isEqualTo(5);
        for (String outOfRange : new String[] {"0", "61"}) {
            assertThatThrownBy(() -> Settings.load(
                            null, Map.of("SWITCHBOARD_DB_STATEMENT_TIMEOUT_SECONDS", outOfRange), Map.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("db.statement-timeout-seconds")
                    .hasMessageContaining("from 1 to 60");
        }
    }

    @Test
    void theCentersTimeZoneIsTheSettingOrTheDemosOrTheSystems() throws IOException {
        Path file = dir.resolve("switchboard.properties");
        Files.writeString(file, "center.time-zone=Asia/Kathmandu\n");

        assertThat(Settings.load(file, Map.of(), Map.of()).timeZone()).isEqualTo(ZoneId.of("Asia/Kathmandu"));
        assertThat(Settings.load(file, Map.of("SWITCHBOARD_TIME_ZONE", "Europe/Moscow"), Map.of())
                        .timeZone())
                .isEqualTo(ZoneId.of("Europe/Moscow"));
        assertThat(Settings.load(null, Map.of(), Map.of()).timeZone())
                .as("the demo")
                .isEqualTo(ZoneId.of("Asia/Yekaterinburg"));
        assertThat(Settings.load(null, Map.of("SWITCHBOARD_DEMO", "false"), Map.of())
                        .timeZone())
                .isEqualTo(ZoneId.systemDefault());
    }

    @Test
    void anUnknownTimeZoneIsNamedInTheError() {
        assertThatThrownBy(() -> Settings.load(null, Map.of("SWITCHBOARD_TIME_ZONE", "Ural/Sverdlovsk"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("center.time-zone")
                .hasMessageContaining("SWITCHBOARD_TIME_ZONE")
                .hasMessageContaining("Ural/Sverdlovsk")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aMissingConfigurationFileIsAClearError() {
        assertThatThrownBy(() -> Settings.load(dir.resolve("nope.properties"), Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope.properties");
    }

    @Test
    void aBooleanIsTrueOrFalseInAnyCase() {
        Settings settings =
                Settings.load(null, Map.of("SWITCHBOARD_DEMO", "FALSE", "SWITCHBOARD_SIMULATE", "True"), Map.of());

        assertThat(settings.demo()).isFalse();
        assertThat(settings.simulate()).isTrue();
    }

    @Test
    void aMisspelledBooleanIsAnErrorNamingTheKeyAndItsVariable() throws IOException {
        Path file = dir.resolve("switchboard.properties");
        Files.writeString(file, "demo=ture\n");

        assertThatThrownBy(() -> Settings.load(file, Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("demo (SWITCHBOARD_DEMO) must be true or false, was 'ture'");
        assertThatThrownBy(() -> Settings.load(null, Map.of("SWITCHBOARD_DB_EMBEDDED_FSYNC", "yes"), Map.of()))
                .hasMessageContaining("db.embedded-fsync")
                .hasMessageContaining("SWITCHBOARD_DB_EMBEDDED_FSYNC");
    }

    @Test
    void anUnknownKeyInTheFileIsAnErrorSuggestingTheClosestKnownKey() throws IOException {
        Path file = dir.resolve("switchboard.properties");
        Files.writeString(file, "http.port=9000\nhttp.prot=9100\n");

        assertThatThrownBy(() -> Settings.load(file, Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown key 'http.prot' in " + file)
                .hasMessageContaining("'http.port'");
    }

    @Test
    void theAnnotatedExampleFileLoads() {
        assertThat(Settings.load(Path.of("../switchboard.properties.example"), Map.of(), Map.of())
                        .httpPort())
                .isEqualTo(8080);
    }

    @Test
    void everyKeyTheServerReadsIsDocumentedAndEveryDocumentedKeyIsRead() throws IOException {
        Pattern row = Pattern.compile("^\\| `([a-z.-]+)` \\|");
        Set<String> documented = Files.readAllLines(Path.of("../docs/configuration.md")).stream()
                .map(row::matcher)
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(Settings.knownKeys()).contains("demo", "http.port").isEqualTo(documented);
    }
}
