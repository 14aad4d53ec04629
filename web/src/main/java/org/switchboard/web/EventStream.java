package org.switchboard.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.websocket.WsCloseStatus;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.jetty.websocket.api.Callback;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.message.Event;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.StaffSession;
import org.switchboard.core.port.StoreUnavailableException;
import org.switchboard.core.time.Clock;
import org.switchboard.runtime.EventListener;

/**
 * The real-time event stream, {@code GET /api/v1/events} upgraded to a WebSocket. Supervisors and administrators
 * receive every event; channel adapters every contact event; an agent the events that name it (its offers,
 * connections, wrap-ups, its status changes, dial-outs for it). Each message is one event as {@link EventJson} shows
 * it, with its number {@code seq}; the first message, {@code {"type":"Subscribed"}}, says the stream is live and
 * names the newest number.
 *
 * <h2>Nothing is lost silently</h2>
 * The journal writer appends every durable event to an {@link EventLog} (the last {@value #RETAINED} events) and
 * never waits for a session. Each session has its own virtual thread that reads the log from its own cursor and
 * sends at the client's pace, at most {@value #MAX_IN_FLIGHT} messages in flight. A client that reads nothing for
 * {@value #SLOW_AFTER_MS} ms, or that falls out of the log, is closed alone with 1013 and a reason that says where to
 * resume: {@code ?since=SEQ} (the last number it received) replays the events after it, and when those are no longer
 * kept the stream first sends {@code {"type":"ResyncRequired"}} (re-read the state over HTTP) and goes on live.
 * Events replayed at start-up are kept too, so a client can resume across a restart.
 *
 * <p>A session with nothing to send sleeps until the log grows: the writer only wakes one thread (the waker), which
 * wakes the waiting sessions, so an append costs the writer the same whatever the number of sessions, and idle
 * sessions cost no CPU (each looked every 10 ms before: 1,000 idle sessions kept most of a core busy).
 */
final class EventStream implements EventListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    private static final String PRINCIPAL = "switchboard.principal";
    private static final String SINCE = "switchboard.since";
    private static final String BROWSER_SESSION = "switchboard.browser-session";
    private static final String BROWSER_SECRET = "switchboard.browser-secret";
    /** How often a signed-in browser's stream checks that its session still stands, with the same principal. */
    static final long SESSION_CHECK_NS = TimeUnit.SECONDS.toNanos(5);
    /** How many of the newest events a client can resume from. */
    static final int RETAINED = 100_000;
    /** Messages handed to Jetty and not yet written, per session, before the session waits for its client. */
    static final int MAX_IN_FLIGHT = 256;
    /** A client whose messages have not moved for this long is too slow and is closed. */
    static final long SLOW_AFTER_MS = 10_000;
    /** How long a session waits for a written message before it looks again (only while it is at its limit). */
    private static final long WRITE_PARK_NS = TimeUnit.MILLISECONDS.toNanos(10);
    /** A session with nothing to send is woken by new events; this only bounds a missed wake-up. */
    private static final long IDLE_WAIT_NS = TimeUnit.SECONDS.toNanos(1);
    /** WebSocket close code (application range) for a session whose token was replaced or revoked. */
    static final int CREDENTIAL_REPLACED = 4401;

    private final Auth auth;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final EventLog log;
    private final Map<String, Subscription> sessions = new ConcurrentHashMap<>();
    private final LongAdder slowClientsClosed = new LongAdder();
    private final LongAdder resyncs = new LongAdder();
    private final LongAdder idleWaits = new LongAdder();
    private volatile boolean closed;
    private final Thread waker;

    /** @param nextSeq the number the center's next event will get (see {@code ReadModel.nextEventSeq}) */
    EventStream(Auth auth, ObjectMapper mapper, Clock clock, long nextSeq) {
        this.log = new EventLog(RETAINED, nextSeq);
        this.auth = auth;
        this.mapper = mapper;
        this.clock = clock;
        this.waker = Thread.ofVirtual().name("events-waker").start(this::wakeSessions);
    }

    /** The waker's loop: each time the log grew (or the stream closes), wakes every session waiting for events. */
    private void wakeSessions() {
        while (!closed) {
            LockSupport.park(this);
            for (Subscription subscription : sessions.values()) {
                subscription.wake();
            }
        }
    }

    void register(RouteTable routes) {
        routes.ws("/api/v1/events", this::authenticate, this::configure);
    }

    private void authenticate(Context ctx) {
        SingleHeaders.refuseRepeated(ctx);
        String authorization = ctx.header("Authorization");
        String token = ctx.queryParam("token");
        Principal principal;
        if (authorization == null && token == null) {
            StaffSession session = auth.requireSameOriginSession(ctx);
            principal = session.principal();
            ctx.attribute(BROWSER_SESSION, session.key());
            ctx.attribute(BROWSER_SECRET, ctx.cookie(Auth.SESSION_COOKIE));
        } else {
            principal = auth.authenticate(authorization, token);
        }
        ctx.attribute(PRINCIPAL, principal);
        Auth.requireRole(principal, Auth.CENTER_ROLES); // planners see figures, not live contacts
        ctx.attribute(SINCE, since(ctx.queryParam("since")));
    }

    private static @Nullable Long since(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            long since = Long.parseLong(text);
            if (since >= 0) {
                return since;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.badRequest("'since' must be the seq of the last event received (a whole number >= 0)");
    }

    private void configure(WsConfig ws) {
        ws.onConnect(this::connected);
        ws.onClose(ctx -> stop(ctx.sessionId()));
        ws.onError(ctx -> stop(ctx.sessionId()));
        ws.onMessage(ctx -> {});
    }

    private void connected(WsConnectContext ctx) {
        Principal principal = ctx.attribute(PRINCIPAL);
        if (principal == null || closed) {
            ctx.closeSession(WsCloseStatus.POLICY_VIOLATION, "not authenticated");
            return;
        }
        ctx.enableAutomaticPings();
        Subscription subscription = new Subscription(
                ctx, principal, ctx.attribute(BROWSER_SESSION), ctx.attribute(BROWSER_SECRET), ctx.attribute(SINCE));
        sessions.put(ctx.sessionId(), subscription);
        Thread.ofVirtual().name("events-" + ctx.sessionId()).start(subscription::run);
    }

    private void stop(String sessionId) {
        Subscription subscription = sessions.remove(sessionId);
        if (subscription != null) {
            subscription.open = false;
            subscription.wake();
        }
    }

    /** Events without numbers (not how the center calls): numbered on from the newest kept. */
    @Override
    public void onEvents(List<Event> events, boolean replay) {
        onEvents(events, log.next(), replay);
    }

    /** Called on the journal writer's thread: appends, and ends the sessions of a replaced token. Never waits. */
    @Override
    public void onEvents(List<Event> events, long firstSeq, boolean replay) {
        log.append(events, firstSeq);
        LockSupport.unpark(waker);
        if (replay || closed) {
            return;
        }
        for (Event event : events) {
            String replaced = principalWithNewCredential(event);
            if (replaced != null) {
                closeSessionsOf(replaced);
            }
        }
    }

    /** The principal whose token was replaced by {@code event}, or null. */
    private static @Nullable String principalWithNewCredential(Event event) {
        return switch (event) {
            case Event.AgentDefined e when e.newCredential() -> e.agentId();
            case Event.UserDefined e when e.newCredential() -> e.name();
            default -> null;
        };
    }

    /**
     * A token was replaced or revoked: the sessions opened with the old one end (4401). Streams of a signed-in browser
     * did not use the token and go on.
     */
    private void closeSessionsOf(String principalName) {
        for (Subscription subscription : sessions.values()) {
            if (subscription.browserSession == null
                    && subscription.principal.name().equals(principalName)) {
                subscription.end(CREDENTIAL_REPLACED, "the token of this session was replaced");
            }
        }
    }

    /** A browser session ended (signed out): its streams end (4401). */
    void endBrowserSession(String sessionKey) {
        for (Subscription subscription : sessions.values()) {
            if (sessionKey.equals(subscription.browserSession)) {
                subscription.end(CREDENTIAL_REPLACED, "signed out");
            }
        }
    }

    /** Whether {@code principal} receives {@code event}: an agent its own, and a consultation it is asked in. */
    static boolean concerns(Principal principal, Event event) {
        return switch (principal.role()) {
            case ADMIN, SUPERVISOR -> true;
            case CHANNEL -> event instanceof Event.ContactEvent;
            case PLANNER -> false;
            case AGENT ->
                principal.agentId() != null
                        && (principal.agentId().equals(EventJson.agentOf(event))
                                || event instanceof Event.ConsultationEvent c
                                        && principal.agentId().equals(c.colleagueId()));
        };
    }

    private String json(EventLog.Entry entry) {
        Map<String, Object> json = EventJson.toJson(entry.event);
        json.put("seq", entry.seq);
        return serialize(json);
    }

    private String serialize(Map<String, Object> json) {
        try {
            return mapper.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event could not be written as JSON", e);
        }
    }

    int sessions() {
        return sessions.size();
    }

    long slowClientsClosed() {
        return slowClientsClosed.sum();
    }

    long resyncs() {
        return resyncs.sum();
    }

    /** How often sessions with nothing to send went to sleep, all sessions together. */
    long idleWaits() {
        return idleWaits.sum();
    }

    /** Stops pushing and closes every session (1001, going away). */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(waker);
        for (Subscription subscription : sessions.values()) {
            subscription.end(WsCloseStatus.GOING_AWAY.getCode(), "server stopping");
        }
        sessions.clear();
    }

    /** One client's way through the log, on its own virtual thread. */
    private final class Subscription {
        private final WsContext ctx;
        private final Principal principal;
        /** The key of the browser session the stream was opened with; null for a token's stream. */
        private final @Nullable String browserSession;
        /** That session's secret (from its cookie, kept in memory only), to check it still stands. */
        private final @Nullable String browserSecret;

        /**
         * When the browser's session was last checked: never, at first, so the stream's first step checks it (a sign-out
         * between the upgrade and {@link #connected} would otherwise go unseen until the next check).
         */
        private long sessionCheckedNanos = System.nanoTime() - SESSION_CHECK_NS;

        private final @Nullable Long since;
        private final AtomicInteger inFlight = new AtomicInteger();
        private volatile boolean open = true;
        private volatile long lastProgressNanos = System.nanoTime();
        private volatile boolean waiting;
        private volatile @Nullable Thread thread;
        private long cursor;
        private long lastSent;
        private boolean delivered;

        Subscription(
                WsContext ctx,
                Principal principal,
                @Nullable String browserSession,
                @Nullable String browserSecret,
                @Nullable Long since) {
            this.ctx = ctx;
            this.principal = principal;
            this.browserSession = browserSession;
            this.browserSecret = browserSecret;
            this.since = since;
        }

        void run() {
            thread = Thread.currentThread();
            try {
                start();
                while (open && !closed && ctx.session.isOpen()) {
                    checkSession();
                    if (cursor < log.next()) {
                        deliver();
                    } else {
                        awaitEvents();
                    }
                }
            } catch (RuntimeException e) {
                LOG.debug("event session {} ended: {}", ctx.sessionId(), e.toString(), e);
                end(WsCloseStatus.SERVER_ERROR.getCode(), "the stream failed; reconnect with ?since=" + lastSent);
            }
        }

        /**
         * Every {@link #SESSION_CHECK_NS}, a browser's stream ends (4401) when its session has ended (signed out,
         * expired, a new password) or now acts as someone else (a changed role). While the store cannot answer, the
         * stream goes on and the check is made again later.
         */
        private void checkSession() {
            if (browserSecret == null || System.nanoTime() - sessionCheckedNanos < SESSION_CHECK_NS) {
                return;
            }
            sessionCheckedNanos = System.nanoTime();
            try {
                Optional<StaffSession> now = auth.session(browserSecret);
                if (now.isEmpty() || !now.get().principal().equals(principal)) {
                    end(CREDENTIAL_REPLACED, "the session ended or its role changed; sign in again");
                }
            } catch (StoreUnavailableException e) {
                LOG.debug("could not check the session of event stream {}: {}", ctx.sessionId(), e.toString());
            }
        }

        /**
         * Sleeps until the log has an event after the cursor, the session ends, or a second passes.
         * {@code waiting} is set before the log is looked at, so an append after the look wakes this thread (its
         * unpark is kept as a permit if it comes before the park).
         */
        private void awaitEvents() {
            waiting = true;
            if (cursor >= log.next() && open && !closed) {
                idleWaits.increment();
                LockSupport.parkNanos(this, IDLE_WAIT_NS);
            }
            waiting = false;
        }

        /** Wakes this session's thread if it waits for events (any thread). */
        void wake() {
            Thread sleeper = thread;
            if (waiting && sleeper != null) {
                LockSupport.unpark(sleeper);
            }
        }

        /**
         * Welcomes the client and sets the cursor, from one reading of the log's end: reading it again after the
         * welcome or the resync (as before) skipped an event appended meanwhile, which the client was just told it would
         * get (a CI run's resumed stream never saw the ContactCreated its test made after ResyncRequired).
         */
        private void start() {
            long next = log.next();
            long newest = next - 1;
            cursor = since == null ? next : since + 1;
            lastSent = since == null ? newest : since;
            send(welcome(newest));
            if (since != null && (cursor < log.oldest() || since > newest)) {
                resyncs.increment();
                send(resyncRequired(newest));
                cursor = next;
                lastSent = newest;
            }
        }

        private void deliver() {
            EventLog.Entry entry = log.get(cursor);
            if (entry == null && since == null && !delivered && cursor < log.oldest()) {
                cursor = log.oldest(); // a live session that began before the log's first event: nothing missed
                return;
            }
            if (entry == null) {
                slowClientsClosed.increment();
                end(
                        WsCloseStatus.TRY_AGAIN_LATER.getCode(),
                        "too slow: fell out of the event log; reconnect " + "with ?since=" + lastSent);
                return;
            }
            if (concerns(principal, entry.event)) {
                send(entry.json(EventStream.this::json));
            }
            delivered = true;
            lastSent = entry.seq;
            cursor++;
        }

        /** Sends one message; waits while too many are in flight; a client stuck for too long is closed. */
        private void send(String text) {
            while (inFlight.get() >= MAX_IN_FLIGHT && open) {
                if (System.nanoTime() - lastProgressNanos > TimeUnit.MILLISECONDS.toNanos(SLOW_AFTER_MS)) {
                    slowClientsClosed.increment();
                    end(
                            WsCloseStatus.TRY_AGAIN_LATER.getCode(),
                            "too slow: not reading; reconnect with ?since=" + lastSent);
                    return;
                }
                LockSupport.parkNanos(WRITE_PARK_NS);
            }
            if (!open) {
                return;
            }
            if (inFlight.getAndIncrement() == 0) {
                lastProgressNanos = System.nanoTime();
            }
            ctx.session.sendText(text, Callback.from(this::written, failure -> {
                written();
                end(WsCloseStatus.SERVER_ERROR.getCode(), "the connection failed");
            }));
        }

        private void written() {
            inFlight.decrementAndGet();
            lastProgressNanos = System.nanoTime();
        }

        void end(int code, String reason) {
            if (!open) {
                return;
            }
            open = false;
            sessions.remove(ctx.sessionId());
            wake();
            try {
                ctx.closeSession(code, reason);
            } catch (RuntimeException e) {
                LOG.debug("closing event session {} failed", ctx.sessionId(), e);
            }
        }

        private String welcome(long newest) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("type", "Subscribed");
            json.put("name", principal.name());
            json.put("role", principal.role().name());
            json.put("agentId", principal.agentId());
            long now = clock.nowInMs();
            json.put("at", EventJson.iso(now));
            json.put("atMs", now);
            json.put("seq", newest);
            json.put("oldestSeq", log.oldest());
            return serialize(json);
        }

        private String resyncRequired(long newest) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("type", "ResyncRequired");
            json.put("since", since);
            json.put("oldestSeq", log.oldest());
            json.put("seq", newest);
            json.put(
                    "detail",
                    "the events after " + since + " are no longer kept (or never were): read the "
                            + "current state over HTTP; the stream goes on live from seq " + (newest + 1));
            return serialize(json);
        }
    }
}
