package org.switchboard.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.messaging.SmsGateway;
import org.switchboard.messaging.SmsSettings;
import org.switchboard.messaging.mail.MailGateway;
import org.switchboard.messaging.mail.MailSettings;
import org.switchboard.runtime.ContactCenter;
import org.switchboard.runtime.InProcessChannelPort;
import org.switchboard.runtime.SnapshotSettings;
import org.switchboard.selfservice.UssdSessions;
import org.switchboard.storage.Database;
import org.switchboard.storage.DatabaseConfig;
import org.switchboard.storage.JournalRetention;
import org.switchboard.voice.Ivr;
import org.switchboard.voice.SipGateway;
import org.switchboard.voice.VoiceSettings;

/**
 * The whole center wired together, explicitly: database → journal → routing loop → web. Closing it stops
 * everything in the reverse order, removes the pid file and logs one line saying what was closed.
 */
final class Server implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Server.class);

    private final Settings settings;
    private final Database database;
    private final ContactCenter center;
    private final Secrets.AdminToken admin;
    private final boolean demoInstalled;
    private final int port;
    private final AutoCloseable web;
    private final AutoCloseable traffic;
    private final AutoCloseable housekeeping;
    private final SipGateway voice;
    private final @Nullable SmsGateway sms;
    private final @Nullable MailGateway mail;
    private final PidFile pidFile;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Server(
            Settings settings,
            Database database,
            ContactCenter center,
            Secrets.AdminToken admin,
            boolean demoInstalled,
            int port,
            AutoCloseable web,
            AutoCloseable traffic,
            AutoCloseable housekeeping,
            SipGateway voice,
            @Nullable SmsGateway sms,
            @Nullable MailGateway mail,
            PidFile pidFile) {
        this.settings = settings;
        this.database = database;
        this.center = center;
        this.admin = admin;
        this.demoInstalled = demoInstalled;
        this.port = port;
        this.web = web;
        this.traffic = traffic;
        this.housekeeping = housekeeping;
        this.voice = voice;
        this.sms = sms;
        this.mail = mail;
        this.pidFile = pidFile;
    }

    /**
     * Starts the center on {@code settings}; {@code env} may hold {@code SWITCHBOARD_ADMIN_TOKEN}.
     *
     * @throws IllegalArgumentException when the center cannot start for a reason the operator can fix (another
     *                                  server on the same data directory, a port in use)
     */
    static Server start(Settings settings, Map<String, String> env) throws IOException {
        Files.createDirectories(settings.dataDir());
        PidFile pidFile = PidFile.claim(settings.dataDir());
        try {
            return start(settings, env, pidFile);
        } catch (IOException | RuntimeException e) {
            pidFile.remove();
            throw e;
        }
    }

    private static Server start(Settings settings, Map<String, String> env, PidFile pidFile) throws IOException {
        Database database = Database.open(databaseConfig(settings));
        Settings.Retention retention = settings.retention();
        database.journal().retention(JournalRetention.parse(retention.journalRetention(), retention.archiveDir()));
        ContactCenter center = new ContactCenter(
                database.journal(),
                System::currentTimeMillis,
                settings.inboxCapacity(),
                new SnapshotSettings(
                        database.snapshots(),
                        database.snapshotCodec(),
                        retention.snapshotEveryEntries(),
                        retention.snapshotsKept()));
        DrainRequest.take(settings.dataDir()); // a request no server took (it was not running) is stale
        Wiring wiring = Wiring.before(center, database, settings);
        center.snapshotsWaitForServing().start();
        Secrets.AdminToken admin = Secrets.adminToken(env, settings.dataDir(), database.accessTokens());
        Secrets.defineAdministrator(center, admin);
        boolean demo = settings.demo()
                && Demo.installIfEmpty(
                        center,
                        database.subscribers(),
                        database.staffAccounts(System::currentTimeMillis, Duration.ofHours(settings.sessionHours())),
                        settings.dataDir());
        if (settings.demo() && (demo || Files.exists(settings.dataDir().resolve("demo-agents.txt")))) {
            Demo.installCatalogueIfEmpty(database.subscribers()); // also for a demo center older than its catalogue
            DemoKnowledge.installIfEmpty(database.knowledgeBase(), System.currentTimeMillis());
            Demo.installUsageIfEmpty(database.subscribers(), database.usageRecords(), settings.timeZone());
            Demo.installEmailsIfMissing(database.subscriberEmails(), System.currentTimeMillis());
            Demo.installPortalPasswords(
                    database.portalAccounts(System::currentTimeMillis, Duration.ofHours(2)), settings.dataDir());
        }
        Wiring.RunningWeb web;
        try {
            web = wiring.startWeb();
        } catch (RuntimeException e) {
            center.close();
            database.close();
            throw new IllegalArgumentException(
                    "cannot listen on " + settings.httpHost() + ":" + settings.httpPort() + " ("
                            + rootCause(e).getMessage() + "); is another server running there? Choose another --port",
                    e);
        }
        SipGateway voice;
        try {
            voice = SipGateway.start(
                    voiceSettings(settings.voice(), wiring.voiceMenus().startingMenu()),
                    new InProcessChannelPort(center, "voice"),
                    database.subscribers(),
                    database.phoneCredentials(settings.voice().realm()),
                    wiring.recordings(),
                    database.auditLog());
        } catch (RuntimeException e) {
            web.close();
            center.close();
            database.close();
            throw e;
        }
        wiring.voiceMenus().attach(voice);
        wiring.meterVoice(voice);
        web.server().reportChannel("voice", voice::health);
        web.server().monitorCallsWith(voice);
        UssdSessions ussd = wiring.startUssd(web.server());
        SmsGateway sms = wiring.startSms(ussd);
        if (sms != null) {
            web.server().reportChannel("sms", sms::health);
        }
        MailGateway mail = wiring.startMail();
        if (mail != null) {
            web.server().reportChannel("email", mail::health);
            web.server().sendMailNoticesWith(mail::sendNotice);
        }
        AutoCloseable traffic = settings.simulate() ? wiring.startTraffic() : () -> {};
        Housekeeping housekeeping = Housekeeping.start(
                database.historyRetention(),
                database.statisticsArchive(),
                wiring.recordings(),
                ussd,
                database.selfServiceLog(),
                database.usageRecords(),
                database.attachments(),
                retention,
                System::currentTimeMillis);

        center.serving();
        web.server().reportStarted();
        LOG.info("Switchboard started on port {} with {}", web.port(), databaseConfig(settings));
        if (!settings.trustedProxies().isEmpty()) { // whom X-Forwarded-For is believed from: worth seeing at a glance
            LOG.info("Clients are named by X-Forwarded-For from the proxies {}", settings.trustedProxies());
        }
        return new Server(
                settings,
                database,
                center,
                admin,
                demo,
                web.port(),
                web,
                traffic,
                housekeeping,
                voice,
                sms,
                mail,
                pidFile);
    }

    /** The voice channel's settings with {@code ivr} for its menu. */
    static VoiceSettings voiceSettings(Settings.Voice voice, Ivr ivr) {
        return new VoiceSettings(
                voice.sipHost(),
                voice.sipPort(),
                voice.trunks(),
                voice.numbers(),
                ivr,
                voice.rtpPortMin(),
                voice.rtpPortMax(),
                voice.promptsDir(),
                voice.dialOut(),
                voice.rtpRealtimePriority());
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    static DatabaseConfig databaseConfig(Settings settings) {
        String url = settings.dbUrl();
        DatabaseConfig config = url == null || url.isBlank()
                ? DatabaseConfig.embedded(settings.dataDir().toAbsolutePath().normalize())
                        .withEmbeddedFsync(settings.dbEmbeddedFsync())
                : DatabaseConfig.of(url, settings.dbUser(), settings.dbPassword());
        return config.withStatementTimeoutSeconds(settings.dbStatementTimeoutSeconds());
    }

    int port() {
        return port;
    }

    String adminToken() {
        return admin.token();
    }

    /** What a newcomer needs to know after {@code start}: where it listens and how to authenticate. */
    String banner() {
        String base =
                "http://" + (settings.httpHost().equals("0.0.0.0") ? "localhost" : settings.httpHost()) + ":" + port;
        StringBuilder b = new StringBuilder();
        b.append("\nSwitchboard is running.\n");
        b.append("  Desk         ")
                .append(base)
                .append(
                        "/   (staff sign in: operators to the desk, supervisors to /wallboard, planners to /planning, admins to /admin)\n");
        b.append("  Portal       ")
                .append(base)
                .append("/portal   (subscribers: their account, questions, callbacks)\n");
        Path accounts = settings.dataDir().resolve(Demo.ACCOUNTS_FILE);
        if (Files.exists(accounts)) {
            b.append("  Demo staff   names and passwords in ")
                    .append(accounts)
                    .append(" (the demo subscribers' portal passwords too)\n");
        }
        b.append("  API          ")
                .append(base)
                .append("/api/v1   (OpenAPI: ")
                .append(base)
                .append("/api/openapi.json)\n");
        b.append("  Health       ")
                .append(base)
                .append("/health     Metrics: ")
                .append(base)
                .append("/metrics\n");
        b.append("  Events       ws://")
                .append(base.substring("http://".length()))
                .append("/api/v1/events?token=<token>\n");
        b.append("  Voice        call sip:")
                .append(settings.voice().numbers().stream().sorted().findFirst().orElse("111"))
                .append('@')
                .append(settings.voice().sipHost())
                .append(':')
                .append(voice.port())
                .append("   (SIP over UDP and TCP; menu ")
                .append(
                        settings.voice().ivrFile() == null
                                ? "the built-in demo"
                                : settings.voice().ivrFile())
                .append(")\n");
        b.append("  Database     ").append(databaseConfig(settings).jdbcUrl()).append('\n');
        b.append(adminTokenLines(base));
        if (demoInstalled) {
            b.append("  Demo         queues info, tech, remote, email; agents' tokens in ")
                    .append(settings.dataDir().resolve("demo-agents.txt"))
                    .append('\n');
        }
        if (settings.simulate()) {
            b.append("  Simulation   ")
                    .append(SimulatedTraffic.summary(settings))
                    .append(";\n")
                    .append("               queues, waits, abandons and service levels show within a minute: ")
                    .append(base)
                    .append("/api/v1/queues/info/stats\n");
        }
        b.append("Stop with Ctrl-C, or with ./switchboard stop")
                .append(dataFlag())
                .append('\n');
        return b.toString();
    }

    /** Where the administrator's token is and how to use it, true to where it came from. */
    private String adminTokenLines(String base) {
        String curl = "  Use it as    curl -H \"Authorization: Bearer %s\" " + base + "/api/v1/queues\n";
        return switch (admin.source()) {
            case GENERATED ->
                "  Admin token  " + admin.token() + "   (shown once; also in " + admin.file() + ")\n"
                        + curl.formatted("$(cat " + admin.file() + ")");
            case DATA_DIR -> "  Admin token  in " + admin.file() + "\n" + curl.formatted("$(cat " + admin.file() + ")");
            case ENVIRONMENT ->
                "  Admin token  from the environment variable SWITCHBOARD_ADMIN_TOKEN\n"
                        + curl.formatted("$SWITCHBOARD_ADMIN_TOKEN");
        };
    }

    /** The {@code --data} that {@code stop} needs to find this server: none for the default directory. */
    private String dataFlag() {
        Path dataDir = settings.dataDir().normalize();
        return dataDir.equals(Path.of("data")) ? "" : " --data " + dataDir.toAbsolutePath();
    }

    /** Stops everything in the reverse order of the start, and says in one line how that went. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<String> stopped = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        if (settings.simulate()) {
            stop("simulated traffic", traffic, stopped, failed);
        }
        stop("housekeeping", housekeeping, new ArrayList<>(), failed); // internal: not named when it stops well
        DrainRequest.take(settings.dataDir()).ifPresent(timeout -> {
            LOG.info("Draining the voice channel (up to {} s) before stopping", timeout.toSeconds());
            voice.drain(timeout);
        });
        SmsSettings smsSettings = settings.sms(); // set whenever the SMS gateway was started
        if (sms != null) {
            stop(
                    smsSettings == null ? "SMPP link" : "SMPP link to " + smsSettings.host() + ":" + smsSettings.port(),
                    sms,
                    stopped,
                    failed);
        }
        MailSettings mailSettings = settings.mail(); // set whenever the e-mail channel was started
        if (mail != null) {
            stop(
                    mailSettings == null
                            ? "e-mail channel"
                            : "e-mail channel (" + mailSettings.mailboxes().size() + " mailboxes)",
                    mail,
                    stopped,
                    failed);
        }
        stop("SIP on port " + voice.port(), voice, stopped, failed);
        stop("HTTP server on port " + port, web, stopped, failed);
        stop("routing loop and journal", center, stopped, failed);
        stop(
                (settings.embeddedDatabase() ? "embedded database in " + settings.dataDir() : "database connections"),
                database,
                stopped,
                failed);
        try {
            pidFile.remove();
        } catch (IOException e) {
            failed.add("pid file (" + e.getMessage() + ")");
        }
        if (failed.isEmpty()) {
            LOG.info("Switchboard stopped cleanly ({} closed)", String.join(", ", stopped));
        } else {
            LOG.warn(
                    "Switchboard stopped with errors: {} failed to close, {} closed",
                    String.join(", ", failed),
                    String.join(", ", stopped));
        }
    }

    private static void stop(String what, AutoCloseable part, List<String> stopped, List<String> failed) {
        try {
            part.close();
            stopped.add(what);
        } catch (Exception e) {
            LOG.warn("while stopping the {}: {}", what, e.toString());
            failed.add(what);
        }
    }
}
