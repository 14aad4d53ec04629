package org.switchboard.app;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.port.Recordings;
import org.switchboard.core.port.ServiceMessages;
import org.switchboard.messaging.SmsGateway;
import org.switchboard.messaging.SmsSettings;
import org.switchboard.messaging.mail.MailGateway;
import org.switchboard.messaging.mail.MailSettings;
import org.switchboard.runtime.ContactCenter;
import org.switchboard.runtime.InProcessChannelPort;
import org.switchboard.runtime.Outbox;
import org.switchboard.runtime.Projection;
import org.switchboard.selfservice.KeywordReplies;
import org.switchboard.selfservice.UssdCallbacks;
import org.switchboard.selfservice.UssdMenu;
import org.switchboard.selfservice.UssdSessions;
import org.switchboard.selfservice.UssdSpending;
import org.switchboard.selfservice.WaitingCallbacks;
import org.switchboard.storage.Database;
import org.switchboard.voice.SipGateway;
import org.switchboard.web.WebOptions;
import org.switchboard.web.WebServer;
import org.switchboard.web.WebStores;

/**
 * The parts that hang off the running center: projections that must see the replayed history (registered before
 * the center starts), the web server, and the optional simulated traffic.
 */
final class Wiring {

    /** Where every self-service session is written for the deflection report (USSD and SMS keywords alike). */
    private final SelfServiceRecords selfServiceRecords;

    private final ContactCenter center;
    private final Database database;
    private final Settings settings;
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Projection.Kind<StatisticsProjection> statistics;
    private final Recordings recordings;
    private final ConsoleVoiceMenus voiceMenus;
    /** The SMS channel once started (after the USSD menu, which sends through it): texts outside conversations. */
    private volatile @Nullable SmsGateway sms;

    private final ServiceMessages serviceMessages = (msisdn, text) -> {
        SmsGateway gateway = sms;
        return gateway != null && gateway.sendServiceMessage(msisdn, text);
    };

    private Wiring(ContactCenter center, Database database, Settings settings) {
        this.center = center;
        this.database = database;
        this.settings = settings;
        this.statistics = StatisticsProjection.kind(settings.timeZone(), database.statisticsArchive());
        this.recordings = database.recordings(settings.voice().recordingsDir());
        this.selfServiceRecords = new SelfServiceRecords(database.selfServiceLog());
        this.voiceMenus =
                ConsoleVoiceMenus.load(database.voiceMenu(), settings.voice().ivrFile());
        new JvmMemoryMetrics().bindTo(meters);
        new JvmGcMetrics().bindTo(meters);
        new JvmThreadMetrics().bindTo(meters);
        new ProcessorMetrics().bindTo(meters);
        new UptimeMetrics().bindTo(meters);
    }

    /**
     * Registers what must see the journal's replay and live in snapshots (the statistics projection); call before
     * {@link ContactCenter#start()}.
     */
    static Wiring before(ContactCenter center, Database database, Settings settings) {
        Wiring wiring = new Wiring(center, database, settings);
        center.addProjection(wiring.statistics);
        center.addProjection(OUTBOX);
        return wiring;
    }

    /** The answers the text channels owe subscribers, kept across restarts. */
    static final Projection.Kind<Outbox> OUTBOX = Outbox.kind(deliveredChannels());

    private static java.util.Set<org.switchboard.core.model.Channel> deliveredChannels() {
        var channels = java.util.EnumSet.copyOf(SmsGateway.DELIVERED);
        channels.addAll(MailGateway.DELIVERED);
        return channels;
    }

    /**
     * Starts the e-mail channel when {@code mail.imap-host} is set (else null), with its figures on {@code /metrics}:
     * it connects in the background, so an unreachable mail server does not stop the center.
     */
    @Nullable
    MailGateway startMail() throws IOException {
        MailSettings mail = settings.mail();
        if (mail == null) {
            return null;
        }
        if (mail.signedBounces()) {
            mail = mail.withBounceKey(Secrets.bounceKey(settings.dataDir()));
        }
        MailGateway gateway = MailGateway.start(
                mail,
                new InProcessChannelPort(center, "mail"),
                center.projection(OUTBOX),
                new MailSenders(database.subscriberEmails(), database.subscribers(), database.contactHistory()),
                database.attachments());
        MailMeters.bind(gateway, meters);
        return gateway;
    }

    /**
     * Starts the SMS channel when {@code smpp.host} is set (else null), with its figures on {@code /metrics}: it binds
     * in the background, so a missing SMSC does not stop the center.
     */
    @Nullable
    SmsGateway startSms(UssdSessions ussd) {
        SmsSettings sms = settings.sms();
        if (sms == null) {
            return null;
        }
        KeywordReplies keywords = new KeywordReplies(
                database.subscribers(), settings.ussd().serviceCode(), System::currentTimeMillis, selfServiceRecords);
        SmsGateway gateway = SmsGateway.start(
                sms, new InProcessChannelPort(center, "sms"), center.projection(OUTBOX), ussd, keywords);
        SmsMeters.bind(gateway, meters);
        this.sms = gateway;
        return gateway;
    }

    /** Recorded conversations: the voice channel writes them, the API plays them, housekeeping forgets them. */
    Recordings recordings() {
        return recordings;
    }

    /** The voice menu the channel starts with and administrators change. */
    ConsoleVoiceMenus voiceMenus() {
        return voiceMenus;
    }

    /** Shows the voice channel's figures on {@code /metrics}. */
    void meterVoice(SipGateway voice) {
        VoiceMeters.bind(voice, meters);
    }

    RunningWeb startWeb() {
        var options = new WebOptions(
                settings.maxBodyBytes(),
                settings.httpHeaderTimeoutMs(),
                settings.httpIdleTimeoutMs(),
                settings.httpAcceptQueue(),
                settings.metricsRequireToken(),
                settings.readsMaxJournalLagMs(),
                settings.trustedProxies(),
                settings.passwordChecksPerClient());
        var web = new WebServer(
                center,
                new WebStores(
                        database.contactHistory(),
                        database.subscribers(),
                        database.codeWordAttempts(System::currentTimeMillis),
                        database.accessTokens(),
                        database.staffAccounts(System::currentTimeMillis, Duration.ofHours(settings.sessionHours())),
                        database.phoneCredentials(settings.voice().realm()),
                        recordings,
                        database.auditLog(),
                        database.knowledgeBase(),
                        database.reasonCodes(),
                        voiceMenus,
                        database.selfServiceLog(),
                        database.usageRecords(),
                        database.personalData(),
                        database.portalAccounts(System::currentTimeMillis, Duration.ofHours(2)),
                        database.subscriberEmails(),
                        database.attachments()),
                meters,
                System::currentTimeMillis,
                options,
                new QueueFigures(
                        center.projection(statistics), database.statisticsArchive(), System::currentTimeMillis));
        web.sendServiceMessagesWith(settings.sms() == null ? ServiceMessages.NONE : serviceMessages);
        web.offerPortalTopics(settings.ussd().portalTopics());
        settings.ussd().portalTopics().forEach((topic, queue) -> {
            if (center.view().queue(queue).isEmpty()) {
                org.slf4j.LoggerFactory.getLogger(Wiring.class)
                        .warn(
                                "portal.topics: topic '{}' names queue '{}', which the center does not have",
                                topic,
                                queue);
            }
        });
        web.planWith(new org.switchboard.planning.PlanningService());
        web.reportStarting(); // until Server has attached the channels too
        int port = web.start(settings.httpHost(), settings.httpPort());
        return new RunningWeb(web, port);
    }

    /**
     * The USSD menu on the subscriber registry, served by the HTTP USSD gateway of {@code web}; the sessions that went
     * quiet are ended by housekeeping.
     */
    UssdSessions startUssd(WebServer web) {
        Settings.Ussd ussd = settings.ussd();
        UssdMenu menu = new UssdMenu(database.subscribers(), ussd.serviceCode(), System::currentTimeMillis)
                .withCallbacks(new UssdCallbacks(
                        new InProcessChannelPort(center, "ussd"),
                        new WaitingCallbacks(database.contactHistory(), center::view),
                        ussd.pricingQueue(),
                        Duration.ofSeconds(3)))
                .withSpending(new UssdSpending(
                        database.usageRecords(), serviceMessages, settings.timeZone(), System::currentTimeMillis));
        UssdSessions sessions =
                new UssdSessions(menu, ussd.sessionTimeout(), System::currentTimeMillis, selfServiceRecords);
        web.serveUssd(sessions, ussd.serviceCode());
        web.priceSelfServiceAt(ussd.pricingQueue());
        return sessions;
    }

    AutoCloseable startTraffic() {
        return SimulatedTraffic.start(center, settings);
    }

    record RunningWeb(WebServer server, int port) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
        }
    }
}
