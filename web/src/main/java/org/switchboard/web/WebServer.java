package org.switchboard.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.config.JettyConfig;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.session.NullSessionCache;
import org.eclipse.jetty.session.NullSessionDataStore;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.port.CallMonitoring;
import org.switchboard.core.port.ContactHistory;
import org.switchboard.core.port.StaffAccounts;
import org.switchboard.core.port.SubscriberRegistry;
import org.switchboard.core.time.Clock;
import org.switchboard.runtime.ContactCenter;

/**
 * The contact center's HTTP server: the REST API under {@code /api/v1} (see docs/api.md and
 * {@code /api/openapi.json}), the WebSocket event stream {@code /api/v1/events}, {@code /health} and
 * {@code /metrics}. Routes are registered in code by a few focused classes; one mapper ({@link ApiErrors}) turns
 * every failure into {@code {"error": code, "detail": sentence}}.
 *
 * <p>Lifecycle: construct (registers an event listener on the center), {@link #start} once, {@link #stop} once. The
 * center is started and closed by its owner, not here. Request handlers run on virtual threads and wait for the
 * center's durable replies (at most {@code REPLY_TIMEOUT}); the center's writer thread is never blocked. The heavy
 * reads (pages of waiting contacts, contact details, {@code /metrics}) are made on the platform threads of two
 * {@link ReadLane}s, half the processors each, so that readers never take the carriers from commands.
 *
 * <p>Security: every {@code /api/v1} route needs {@code Authorization: Bearer <token>} (the WebSocket also takes
 * {@code ?token=}); tokens are issued through {@code POST /api/v1/agents} and {@code POST /api/v1/users}, or by the
 * application for its first administrator; agents' phones get SIP credentials through
 * {@code POST /api/v1/agents/{id}/sip-credentials}. Roles are enforced here, contact ownership by the engine.
 *
 * <p>Hostile and careless clients ({@link WebOptions}): every answer, even one Jetty gives before any route
 * ({@link JsonErrorHandler}), is a JSON error body; a request's headers must arrive within the header timeout
 * ({@link HeaderDeadline}) and a silent connection is closed after the idle timeout; request bodies must be JSON
 * and within the body limit; the labels of the request metrics are bounded ({@link CenterMetrics}).
 */
public final class WebServer implements AutoCloseable {

    /**
     * Javalin copies every response through a buffer of this size, allocated per response (default 32 KB); API
     * replies are far smaller, and a larger one is simply copied in several steps.
     */
    private static final int RESPONSE_BUFFER_BYTES = 4 * 1024;

    private static final int MAX_PLATFORM_THREADS = 16;

    /**
     * How much of a request body no route read is read and thrown away so that its client gets the answer (a 413, a
     * 401) rather than a reset connection; 1 MiB, as Tomcat's 2 MB "swallow" limit, bounds what one request costs.
     */
    private static final long DRAIN_LIMIT_BYTES = 1024 * 1024;

    /**
     * How long a body no route read is read and thrown away at most: the answer is decided, so a client that sends
     * slowly (a byte a second, or 1 KB/s to a refusal that needs no body) does not hold the request for minutes.
     */
    private static final long DRAIN_MAX_MS = 2_000;

    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);

    private final EventStream events;
    private final CenterMetrics metrics;
    private final OperationsRoutes operations;
    /** Reads of the read model (pages of waiting contacts, {@code /metrics}), off the virtual threads' carriers. */
    private final ReadLane reads;
    /** Reads that wait for the database (contact details and their timelines): a stalled database stalls these. */
    private final ReadLane historyReads;

    private final WebOptions options;
    /** Where supervisors' requests to listen in go: the voice channel once it runs; none before. */
    private volatile CallMonitoring monitoring = CallMonitoring.NONE;
    /** The USSD menu's sessions once the app serves them; none before (503). */
    private volatile UssdRoutes.@Nullable UssdService ussd;
    /** The queue whose handle time prices a contained self-service session. */
    private volatile String selfServiceQueue = "info";
    /** Texts to subscribers outside conversations (portal codes), once the SMS channel runs. */
    private volatile org.switchboard.core.port.ServiceMessages serviceMessages =
            org.switchboard.core.port.ServiceMessages.NONE;

    private volatile org.switchboard.core.port.MailNotices mailNotices = org.switchboard.core.port.MailNotices.NONE;
    private volatile org.switchboard.core.port.Planning planning = org.switchboard.core.port.Planning.NONE;
    private volatile java.time.Duration planningBudget = PlanningRoutes.TIME_BUDGET;
    /** The portal's topics, each to its queue. */
    private volatile Map<String, String> portalTopics = Map.of();

    private final Javalin app;
    private List<String> routes = List.of();
    private @Nullable String host;
    private int port;

    /**
     * @param center       the running (or about to start) contact center
     * @param stores       the stores besides the engine: timelines, subscribers, tokens, sessions, audit...
     * @param meters       the registry {@code /metrics} exposes; the server registers its meters in it
     * @param clock        wall clock for audit stamps and new contact ids
     * @param options      body limit, connection deadlines, listen backlog, whether {@code /metrics} needs a token
     * @param statistics   interval statistics for {@code /queues/{id}/stats}, or {@code null} for none
     */
    public WebServer(
            ContactCenter center,
            WebStores stores,
            PrometheusMeterRegistry meters,
            Clock clock,
            WebOptions options,
            @Nullable StatisticsSource statistics) {
        ContactHistory history = stores.history();
        SubscriberRegistry subscribers = stores.subscribers();
        StaffAccounts staff = stores.staff();
        this.options = Objects.requireNonNull(options, "options");
        ObjectMapper mapper = JsonBodies.newMapper();
        Auth auth = new Auth(stores.tokens(), staff);
        CenterGateway gateway = new CenterGateway(Objects.requireNonNull(center, "center"), REPLY_TIMEOUT);
        AuditTrail trail = new AuditTrail(stores.audit(), Objects.requireNonNull(clock));
        JsonBodies bodies = new JsonBodies(mapper, options.maxBodyBytes(), options.headerTimeoutMs());
        this.events = new EventStream(auth, mapper, clock, center.view().nextEventSeq());
        PasswordCheckGate passwordChecks =
                new PasswordCheckGate(new ClientAddress(options.trustedProxies()), options.passwordChecksPerClient());
        ReadLane.Turn journalFirst = journalFirst(gateway, options.readsMaxJournalLagMs());
        this.reads = ReadLane.halfTheProcessors("reads", journalFirst);
        this.historyReads = ReadLane.halfTheProcessors("history-reads", journalFirst);
        ContactDetails details = new ContactDetails(gateway, history, options.readsMaxJournalLagMs());
        this.metrics = new CenterMetrics(Objects.requireNonNull(meters, "meters"), gateway, events, details, clock);
        StatisticsSource figures = statistics == null ? StatisticsSource.NONE : statistics;
        SubscriberReach reach = new SubscriberReach(gateway, history);
        ServedContacts served = new ServedContacts(gateway, history);
        this.operations = new OperationsRoutes(gateway, metrics, auth, options.metricsRequireToken(), reads);
        Routes all = new Routes(
                new QueueRoutes(auth, gateway, bodies, trail, figures, reads, clock),
                new AgentRoutes(auth, gateway, bodies, trail, figures, stores.reasons()),
                new UserRoutes(auth, gateway, bodies, trail),
                new PhoneRoutes(auth, gateway, stores.phones(), trail),
                new ContactRoutes(auth, gateway, bodies, details, clock, historyReads, trail, stores.reasons()),
                new MessageRoutes(auth, gateway, bodies, details, clock, historyReads),
                new RecordingRoutes(auth, stores.recordings(), trail),
                new AttachmentRoutes(auth, stores.attachments(), served, trail),
                new MonitorRoutes(auth, bodies, trail, () -> monitoring),
                new UssdRoutes(auth, bodies, () -> ussd),
                new SubscriberRoutes(
                        auth, bodies, subscribers, trail, stores.codeWordAttempts(), reach, served, gateway),
                new AccountRoutes(auth, bodies, subscribers, stores.emails(), served, trail, clock),
                new UsageRoutes(auth, stores.usage(), reach, trail, figures.timeZone(), clock),
                new PersonalDataRoutes(auth, stores, gateway, trail, figures.timeZone(), clock),
                new PortalRoutes(
                        stores.portal(),
                        () -> serviceMessages,
                        () -> mailNotices,
                        stores,
                        bodies,
                        trail,
                        gateway,
                        passwordChecks,
                        figures.timeZone(),
                        clock),
                new PortalHelpRoutes(
                        stores.portal(),
                        gateway,
                        details,
                        stores,
                        bodies,
                        () -> portalTopics,
                        () -> serviceMessages,
                        clock),
                new SubscriberContactRoutes(auth, gateway, history, reach, trail, historyReads),
                new SessionRoutes(auth, staff, bodies, trail, clock, events, gateway, passwordChecks),
                new ReportRoutes(auth, figures, reads, clock),
                new SelfServiceReportRoutes(
                        auth, stores.selfService(), gateway, figures.timeZone(), clock, () -> selfServiceQueue),
                new KnowledgeRoutes(auth, bodies, stores.knowledge(), clock, historyReads),
                new ReasonRoutes(auth, bodies, stores.reasons(), clock),
                new VoiceMenuRoutes(auth, bodies, stores.voiceMenus(), clock),
                new PlanningRoutes(auth, bodies, () -> planning, () -> planningBudget, figures, reads, gateway, clock),
                new Pages(),
                operations);
        this.app = Javalin.create(config -> configure(config, mapper, all));
        center.addListener(events);
    }

    /** Reads wait while the journal is further behind than {@code maxLagMs} (0: never). */
    private static ReadLane.Turn journalFirst(CenterGateway gateway, long maxLagMs) {
        return maxLagMs == 0 ? ReadLane.Turn.NOW : () -> gateway.awaitJournalLagWithin(maxLagMs, ReadLane.MAX_YIELD_MS);
    }

    private void configure(JavalinConfig config, ObjectMapper mapper, Routes all) {
        config.startup.showJavalinBanner = false;
        configureJetty(config.jetty, mapper);
        config.http.maxRequestSize = Math.max(options.maxBodyBytes(), PlanningRoutes.MAX_BODY_BYTES);
        config.http.defaultContentType = "application/json";
        config.http.prefer405over404 = true; // a known path asked with another method: 405 with Allow, not 404
        config.http.compressionStrategy = CompressionStrategy.NONE; // small JSON bodies; a proxy may compress
        config.http.responseBufferSize = RESPONSE_BUFFER_BYTES;
        config.jsonMapper(new JavalinJackson(mapper, false));
        config.requestLogger.http(metrics::recordRequest);
        config.routes.exception(Exception.class, ApiErrors::handle);
        config.router.javaLangErrorHandler((response, error) -> ApiErrors.fatal(response, error, mapper));
        config.routes.error(404, ApiErrors::unmatched);
        config.routes.error(405, ApiErrors::wrongMethod);
        config.routes.before(this::refuseOversizeBody);
        config.routes.before(SingleHeaders::refuseRepeated);
        config.routes.before(BodyCoding::refuseEncoded);
        config.routes.before(SingleQueryParameters::refuseRepeated);
        config.routes.before(Auth::refuseMethodOverride);
        config.routes.before(JsonBodies::refuseMalformedContentType);
        config.routes.after(this::drainUnreadBody);
        RouteTable table = new RouteTable(config.routes);
        all.register(table);
        events.register(table);
        routes = table.registered();
    }

    /** Jetty under Javalin: threads, the one connector, JSON for Jetty's own errors, no HTTP sessions. */
    private void configureJetty(JettyConfig jetty, ObjectMapper mapper) {
        jetty.threadPool = threadPool();
        jetty.addConnector(this::connector);
        JsonErrorHandler errors = new JsonErrorHandler(mapper);
        jetty.modifyServer(server -> server.setErrorHandler(errors));
        jetty.modifyServletContextHandler(context -> {
            context.setErrorHandler(errors);
            keepNoSessions(context.getSessionHandler());
        });
    }

    /**
     * Jetty's own pool of platform threads runs the acceptor, the selector and other non-blocking work; every
     * request handler runs on a new virtual thread, so a handler may block until the journal has committed without
     * holding a scarce thread. (Javalin's {@code useVirtualThreads} puts the selector on virtual threads too; that
     * cost about 8 % more CPU per request here, docs/decisions/0006.)
     */
    private static QueuedThreadPool threadPool() {
        var pool = new QueuedThreadPool(MAX_PLATFORM_THREADS, 2);
        pool.setName("http");
        pool.setVirtualThreadsExecutor(Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("http-", 0).factory()));
        return pool;
    }

    /**
     * The API authenticates every request by its token and never uses HTTP sessions, but Javalin opens one for every
     * WebSocket upgrade, refused or not; Jetty would keep each in memory, without expiry, and name it in a cookie.
     * Sessions are therefore neither kept nor sent.
     */
    private static void keepNoSessions(SessionHandler sessions) {
        NullSessionCache none = new NullSessionCache(sessions);
        none.setSessionDataStore(new NullSessionDataStore());
        sessions.setSessionCache(none);
        sessions.setUsingCookies(false);
    }

    /**
     * The one listening connector: HTTP/1.1 with {@link HeaderDeadline}, the idle timeout and the listen backlog of
     * the options, on the host and port given to {@link #start}.
     */
    private ServerConnector connector(Server server, HttpConfiguration http) {
        ServerConnector connector = new ServerConnector(server, new HeaderDeadline(http, options.headerTimeoutMs()));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(options.idleTimeoutMs());
        connector.setAcceptQueueSize(options.acceptQueue());
        return connector;
    }

    private void refuseOversizeBody(Context ctx) {
        long limit =
                ctx.path().startsWith(PlanningRoutes.BASE) ? PlanningRoutes.MAX_BODY_BYTES : options.maxBodyBytes();
        if (ctx.req().getContentLengthLong() > limit) {
            throw ApiErrors.tooLarge();
        }
    }

    /**
     * Reads the rest of a request body no route read before the answer goes out. A route may answer before it reads
     * the body (a missing token, a role that may not, a body over the limit), and Jetty closes a connection whose
     * request body is left unread: the client, still sending, then gets a reset instead of the answer. Up to
     * {@link #DRAIN_LIMIT_BYTES} (or the body limit, if larger) is read and thrown away for at most {@link #DRAIN_MAX_MS},
     * so a client that sent a body somewhat too large reads its 413; a body announced larger than that, or slower, is
     * not read to its end, and its connection is closed after the answer. A client that waits for
     * {@code 100 Continue} is not asked for the body at all.
     */
    private void drainUnreadBody(Context ctx) {
        long limit = Math.max(DRAIN_LIMIT_BYTES, options.maxBodyBytes());
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit || ctx.statusCode() == 408 || nothingLeftToRead(ctx, declared)) { // 408: it stopped
            return;
        }
        String expect = ctx.req().getHeader("Expect");
        if (expect != null && expect.toLowerCase(java.util.Locale.ROOT).contains("100-continue")) {
            return; // the client waits for a 100 before it sends: reading would ask for a body thrown away
        }
        try (InputStream in = new PacedBody(ctx.req().getInputStream(), options.headerTimeoutMs(), DRAIN_MAX_MS)) {
            for (long left = limit; left > 0; ) {
                long skipped = in.skip(left);
                if (skipped <= 0 && in.read() < 0) {
                    return;
                }
                left -= Math.max(skipped, 1);
            }
        } catch (IOException | RuntimeException e) {
            // the client broke off or sent too much: the connection is closed, as it would have been
        }
    }

    /**
     * Whether the request has no body left to read, so that draining it is skipped (it cost about 6 % of a created
     * contact's request time): it declared none ({@code Content-Length: 0}, or neither a length nor a transfer
     * coding, which HTTP/1.1 reads as no body), or the route read as many bytes as it declared.
     */
    private static boolean nothingLeftToRead(Context ctx, long declared) {
        if (declared < 0) {
            return ctx.req().getHeader("Transfer-Encoding") == null;
        }
        return declared == 0 || JsonBodies.bodyRead(ctx).length == declared;
    }

    /**
     * Starts serving; {@code port} 0 picks a free port.
     *
     * @return the port the server listens on
     */
    public int start(String host, int port) {
        this.host = host;
        this.port = port;
        app.start(host, port);
        return app.port();
    }

    /** Closes every WebSocket session and stops the server. */
    public void stop() {
        events.close();
        app.stop();
        reads.close();
        historyReads.close();
    }

    /**
     * {@code /health} shows what {@code state} says under {@code channels.<name>} from now on: a channel adapter's own
     * state (the voice channel: listening, draining, calls by state, the switch reachable). It does not change the
     * status, which is the center's: a channel that cannot take calls does not stop the API.
     */
    public void reportChannel(String name, Supplier<Map<String, Object>> state) {
        operations.reportChannel(Objects.requireNonNull(name, "name"), Objects.requireNonNull(state, "state"));
    }

    /**
     * Until {@link #reportStarted()}, {@code /health} answers 503 {@code STARTING}: the process that listens before its
     * channels and planning are attached says so, and a balancer or a script sends it nothing yet.
     */
    public void reportStarting() {
        operations.starting(true);
    }

    /** Everything is attached: {@code /health} says the center's own status from now on. */
    public void reportStarted() {
        operations.starting(false);
    }

    /** Forecasts and staffing for planners ({@code /api/v1/planning/...}) come from {@code planning}. */
    public void planWith(org.switchboard.core.port.Planning planning) {
        planWith(planning, PlanningRoutes.TIME_BUDGET);
    }

    /** As {@link #planWith(org.switchboard.core.port.Planning)}, a computation stopped after {@code budget}. */
    public void planWith(org.switchboard.core.port.Planning planning, java.time.Duration budget) {
        this.planning = java.util.Objects.requireNonNull(planning, "planning");
        this.planningBudget = java.util.Objects.requireNonNull(budget, "budget");
    }

    /** Confirmation codes of addresses subscribers register in the portal go out through {@code notices}. */
    public void sendMailNoticesWith(org.switchboard.core.port.MailNotices notices) {
        this.mailNotices = java.util.Objects.requireNonNull(notices, "notices");
    }

    public void sendServiceMessagesWith(org.switchboard.core.port.ServiceMessages messages) {
        this.serviceMessages = java.util.Objects.requireNonNull(messages, "messages");
    }

    /**
     * The portal's "Ask the center" and "Call me back" offer {@code topicQueues}' topics, in their order, each to the
     * queue it names (none before: the portal takes no questions).
     */
    public void offerPortalTopics(Map<String, String> topicQueues) {
        this.portalTopics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(topicQueues));
    }

    /** The HTTP USSD gateway ({@code POST /api/v1/ussd}) serves {@code sessions}, for {@code serviceCode}. */
    public void serveUssd(org.switchboard.selfservice.UssdSessions sessions, String serviceCode) {
        this.ussd = new UssdRoutes.UssdService(
                Objects.requireNonNull(sessions, "sessions"), Objects.requireNonNull(serviceCode, "serviceCode"));
    }

    /** The deflection report prices a contained self-service session at the handle time of {@code queueId}. */
    public void priceSelfServiceAt(String queueId) {
        this.selfServiceQueue = Objects.requireNonNull(queueId, "queueId");
    }

    /** Supervisors' requests to listen in go to {@code voice} from now on. */
    public void monitorCallsWith(CallMonitoring voice) {
        this.monitoring = Objects.requireNonNull(voice, "voice");
    }

    @Override
    public void close() {
        stop();
    }

    /** The event stream, for tests. */
    EventStream events() {
        return events;
    }

    /** Every route as {@code "METHOD /path/{param}"} (the WebSocket as {@code GET}), in registration order. */
    public List<String> routes() {
        return routes;
    }

    private record Routes(
            QueueRoutes queues,
            AgentRoutes agents,
            UserRoutes users,
            PhoneRoutes phones,
            ContactRoutes contacts,
            MessageRoutes messages,
            RecordingRoutes recordings,
            AttachmentRoutes attachments,
            MonitorRoutes monitors,
            UssdRoutes ussd,
            SubscriberRoutes subscribers,
            AccountRoutes accounts,
            UsageRoutes usage,
            PersonalDataRoutes personalData,
            PortalRoutes portal,
            PortalHelpRoutes portalHelp,
            SubscriberContactRoutes subscriberContacts,
            SessionRoutes sessions,
            ReportRoutes reports,
            SelfServiceReportRoutes selfServiceReports,
            KnowledgeRoutes knowledge,
            ReasonRoutes reasons,
            VoiceMenuRoutes voiceMenus,
            PlanningRoutes planning,
            Pages pages,
            OperationsRoutes operations) {

        void register(RouteTable table) {
            queues.register(table);
            agents.register(table);
            users.register(table);
            phones.register(table);
            contacts.register(table);
            messages.register(table);
            recordings.register(table);
            attachments.register(table);
            monitors.register(table);
            ussd.register(table);
            subscribers.register(table);
            usage.register(table);
            personalData.register(table);
            portal.register(table);
            portalHelp.register(table);
            accounts.register(table);
            subscriberContacts.register(table);
            sessions.register(table);
            reports.register(table);
            selfServiceReports.register(table);
            knowledge.register(table);
            reasons.register(table);
            voiceMenus.register(table);
            planning.register(table);
            pages.register(table);
            operations.register(table);
        }
    }
}
