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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.message.Event;
import org.switchboard.core.port.Principal;
import org.switchboard.core.time.Clock;
import org.switchboard.runtime.EventListener;

/**
 * The real-time event stream, {@code GET /api/v1/events} upgraded to a WebSocket. Supervisors and administrators
 * receive every event; channel adapters every contact event; an agent the events that name it (its offers,
 * connections, wrap-ups, its status changes, dial-outs for it). Each message is one event as {@link EventJson}
 * shows it; the first message, {@code {"type":"Subscribed"}}, says the stream is live.
 *
 * <p>Threading: the center calls {@link #onEvents} on its journal writer thread, which must never wait; the batch is
 * handed to one dedicated push thread (a bounded hand-off: if even that backs up, batches are dropped and counted).
 * Sends are asynchronous; a session with more than {@code maxPendingPerSession} unsent messages is a slow client
 * and is closed (1013, try again later) rather than allowed to hold memory or delay others.
 */
final class EventStream implements EventListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    private static final String PRINCIPAL = "switchboard.principal";
    private static final int HAND_OFF_CAPACITY = 4096;
    /** WebSocket close code (application range) for a session whose token was replaced or revoked. */
    static final int CREDENTIAL_REPLACED = 4401;

    private final Auth auth;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final int maxPendingPerSession;
    private final Map<String, Listener> listeners = new ConcurrentHashMap<>();
    private final ExecutorService pusher;
    private final LongAdder droppedBatches = new LongAdder();
    private final LongAdder slowClientsClosed = new LongAdder();
    private volatile boolean closed;

    EventStream(Auth auth, ObjectMapper mapper, Clock clock, int maxPendingPerSession) {
        this.auth = auth;
        this.mapper = mapper;
        this.clock = clock;
        this.maxPendingPerSession = maxPendingPerSession;
        this.pusher = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(HAND_OFF_CAPACITY), EventStream::pushThread,
                (batch, executor) -> droppedBatches.increment());
    }

    void register(RouteTable routes) {
        routes.ws("/api/v1/events", this::authenticate, this::configure);
    }

    private void authenticate(Context ctx) {
        Principal principal = auth.authenticate(ctx.header("Authorization"), ctx.queryParam("token"));
        ctx.attribute(PRINCIPAL, principal);
    }

    private void configure(WsConfig ws) {
        ws.onConnect(this::connected);
        ws.onClose(ctx -> listeners.remove(ctx.sessionId()));
        ws.onError(ctx -> listeners.remove(ctx.sessionId()));
        ws.onMessage(ctx -> { });
    }

    private void connected(WsConnectContext ctx) {
        Principal principal = ctx.attribute(PRINCIPAL);
        if (principal == null || closed) {
            ctx.closeSession(WsCloseStatus.POLICY_VIOLATION, "not authenticated");
            return;
        }
        ctx.enableAutomaticPings();
        Listener listener = new Listener(ctx, principal, new AtomicInteger());
        listeners.put(ctx.sessionId(), listener); // first: every event after the welcome must reach it
        send(listener, welcome(principal));
    }

    @Override
    public void onEvents(List<Event> events, boolean replay) {
        if (replay || closed || listeners.isEmpty()) {
            return;
        }
        pusher.execute(() -> push(events));
    }

    private void push(List<Event> events) {
        for (Event event : events) {
            String replaced = principalWithNewCredential(event);
            if (replaced != null) {
                closeSessionsOf(replaced);
                continue;
            }
            String json = null;
            for (Listener listener : listeners.values()) {
                if (concerns(listener.principal(), event)) {
                    json = json != null ? json : serialize(EventJson.toJson(event));
                    send(listener, json);
                }
            }
        }
    }

    /** The principal whose token was replaced by {@code event}, or null. */
    private static String principalWithNewCredential(Event event) {
        return switch (event) {
            case Event.AgentDefined e when e.newCredential() -> e.agentId();
            case Event.UserDefined e when e.newCredential() -> e.name();
            default -> null;
        };
    }

    /** A token was replaced or revoked: the sessions opened with the old one end (4401). */
    private void closeSessionsOf(String principalName) {
        for (Listener listener : listeners.values()) {
            if (listener.principal().name().equals(principalName)) {
                listeners.remove(listener.ctx().sessionId());
                listener.ctx().closeSession(CREDENTIAL_REPLACED, "the token of this session was replaced");
            }
        }
    }

    /** Whether {@code principal} receives {@code event}. */
    static boolean concerns(Principal principal, Event event) {
        return switch (principal.role()) {
            case ADMIN, SUPERVISOR -> true;
            case CHANNEL -> event instanceof Event.ContactEvent;
            case AGENT -> principal.agentId() != null && principal.agentId().equals(EventJson.agentOf(event));
        };
    }

    private void send(Listener listener, String json) {
        Session session = listener.ctx().session;
        if (!session.isOpen()) {
            listeners.remove(listener.ctx().sessionId());
            return;
        }
        if (listener.pending().incrementAndGet() > maxPendingPerSession) {
            listeners.remove(listener.ctx().sessionId());
            slowClientsClosed.increment();
            listener.ctx().closeSession(WsCloseStatus.TRY_AGAIN_LATER, "too slow; reconnect");
            return;
        }
        session.sendText(json, Callback.from(() -> listener.pending().decrementAndGet(), failure -> {
            listener.pending().decrementAndGet();
            listeners.remove(listener.ctx().sessionId());
        }));
    }

    private String welcome(Principal principal) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "Subscribed");
        json.put("name", principal.name());
        json.put("role", principal.role().name());
        json.put("agentId", principal.agentId());
        long now = clock.nowInMs();
        json.put("at", EventJson.iso(now));
        json.put("atMs", now);
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
        return listeners.size();
    }

    long droppedBatches() {
        return droppedBatches.sum();
    }

    long slowClientsClosed() {
        return slowClientsClosed.sum();
    }

    /** Stops pushing and closes every session (1001, going away). */
    @Override
    public void close() {
        closed = true;
        pusher.shutdownNow();
        for (Listener listener : listeners.values()) {
            try {
                listener.ctx().closeSession(WsCloseStatus.GOING_AWAY, "server stopping");
            } catch (RuntimeException e) {
                LOG.debug("closing a session failed", e);
            }
        }
        listeners.clear();
    }

    private static Thread pushThread(Runnable task) {
        Thread thread = new Thread(task, "switchboard-event-push");
        thread.setDaemon(true);
        return thread;
    }

    private record Listener(WsContext ctx, Principal principal, AtomicInteger pending) {}
}
