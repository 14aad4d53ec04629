package org.switchboard.web;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.switchboard.core.time.Clock;
import org.switchboard.core.view.QueueView;
import org.switchboard.runtime.ContactCenter;
import org.switchboard.runtime.LoopFigures;
import org.switchboard.runtime.ReadModel;

/**
 * The center's figures in Prometheus form: command outcomes and journal commits from {@link LoopFigures}, per-queue
 * waiting contacts, oldest wait and staffing (from the published read model at every scrape: a scrape never waits
 * for the routing thread), WebSocket sessions, and the HTTP requests
 * (count and latency per method, route template and status). Clients choose methods and paths, so the request
 * labels are bounded: a method HTTP does not define is {@code OTHER}, a path no route matched is {@code unmatched}.
 * Thread-safe.
 */
final class CenterMetrics {

    private static final Set<String> METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "QUERY");

    private final PrometheusMeterRegistry registry;
    private final CenterGateway center;
    private final Clock clock;
    /** The time of the scrape's figures: waits are computed at it, not at the view's last change. */
    private volatile long readAtMs;

    private final Map<String, QueueView> queues = new ConcurrentHashMap<>();
    private final Set<String> queuesWithMeters = ConcurrentHashMap.newKeySet();
    /** The request timers met so far: looked up here instead of built and registered anew for every request. */
    private final Map<RequestLabels, Timer> requestTimers = new ConcurrentHashMap<>();

    CenterMetrics(
            PrometheusMeterRegistry registry,
            CenterGateway center,
            EventStream events,
            ContactDetails details,
            Clock clock) {
        this.clock = clock;
        this.registry = registry;
        this.center = center;
        registerLoopFigures(center.center());
        TimeGauge.builder("switchboard.journal.lag", center, TimeUnit.MILLISECONDS, CenterGateway::journalLagMillis)
                .description("how long the oldest command not yet durable has waited for the journal (0: none waits)")
                .register(registry);
        for (ContactDetails.Omission why : ContactDetails.Omission.values()) {
            FunctionCounter.builder("switchboard.contact.timelines.omitted", details, d -> d.omitted(why))
                    .tag("reason", why.wireName)
                    .description("live contacts shown without their timelines: the journal was behind, or the "
                            + "database could not answer")
                    .register(registry);
        }
        Gauge.builder("switchboard.websocket.sessions", events, EventStream::sessions)
                .description("open event-stream WebSocket sessions")
                .register(registry);
        FunctionCounter.builder("switchboard.websocket.resyncs", events, EventStream::resyncs)
                .description("clients that resumed from an event no longer kept and were told to resync")
                .register(registry);
        FunctionCounter.builder("switchboard.websocket.slow.clients", events, EventStream::slowClientsClosed)
                .description("sessions closed for not keeping up")
                .register(registry);
    }

    private void registerLoopFigures(ContactCenter contactCenter) {
        LoopFigures figures = contactCenter.figures();
        commands(figures, "accepted", LoopFigures::commandsAccepted);
        commands(figures, "rejected", LoopFigures::commandsRejected);
        commands(figures, "refused", LoopFigures::commandsRefusedBusy);
        commands(figures, "repeated", LoopFigures::commandsRepeated);
        FunctionCounter.builder("switchboard.journal.commit.retries", figures, LoopFigures::commitRetries)
                .description("journal commits tried again after the database failed or stalled")
                .register(registry);
        FunctionCounter.builder("switchboard.journal.database.failures", figures, LoopFigures::databaseFailures)
                .description("times the database became unavailable to the journal")
                .register(registry);
        FunctionCounter.builder("switchboard.defects", figures, LoopFigures::defects)
                .description("commands or timers that failed inside the engine (bugs); each was refused")
                .register(registry);
        FunctionCounter.builder("switchboard.journal.commits", figures, LoopFigures::journalCommits)
                .description("journal transactions (group commits)")
                .register(registry);
        FunctionCounter.builder("switchboard.journal.entries", figures, LoopFigures::journalEntries)
                .description("journal entries written")
                .register(registry);
        TimeGauge.builder(
                        "switchboard.journal.last.commit",
                        figures,
                        TimeUnit.MILLISECONDS,
                        LoopFigures::lastCommitMillis)
                .description("duration of the latest journal commit")
                .register(registry);
        Gauge.builder("switchboard.journal.replayed.entries", figures, LoopFigures::replayedEntries)
                .description("journal entries replayed at start-up")
                .register(registry);
        FunctionCounter.builder("switchboard.snapshots", figures, LoopFigures::snapshots)
                .description("snapshots of the center's state taken since start")
                .register(registry);
        Gauge.builder("switchboard.snapshot.last.position", figures, LoopFigures::lastSnapshotPosition)
                .description("journal position of the newest snapshot taken since start (0: none)")
                .register(registry);
        Gauge.builder("switchboard.snapshot.last.size", figures, LoopFigures::lastSnapshotBytes)
                .baseUnit("bytes")
                .description("compressed size of the newest snapshot")
                .register(registry);
        TimeGauge.builder(
                        "switchboard.snapshot.last.duration",
                        figures,
                        TimeUnit.MILLISECONDS,
                        LoopFigures::lastSnapshotMillis)
                .description("time the newest snapshot took to write and store")
                .register(registry);
        Gauge.builder("switchboard.center.healthy", contactCenter, c -> c.isHealthy() ? 1 : 0)
                .description("1 while the center takes commands (health UP), else 0")
                .register(registry);
    }

    private void commands(LoopFigures figures, String outcome, ToDoubleFunction<LoopFigures> count) {
        FunctionCounter.builder("switchboard.commands", figures, count)
                .tag("outcome", outcome)
                .description("commands by outcome: accepted, rejected (business no), refused (overloaded or database "
                        + "away), repeated (idempotent repeat)")
                .register(registry);
    }

    /** The Prometheus text exposition, after refreshing the per-queue figures. */
    String scrape() {
        refreshQueues();
        return registry.scrape();
    }

    /** Records one HTTP request; called by Javalin's request logger after the response. */
    void recordRequest(Context ctx, float executionMs) {
        requestTimers
                .computeIfAbsent(new RequestLabels(methodOf(ctx), routeOf(ctx), ctx.statusCode()), this::requestTimer)
                .record((long) (executionMs * 1_000_000L), TimeUnit.NANOSECONDS);
    }

    private Timer requestTimer(RequestLabels labels) {
        return Timer.builder("http.server.requests")
                .tags(Tags.of(
                        "method",
                        labels.method(),
                        "route",
                        labels.route(),
                        "status",
                        Integer.toString(labels.status())))
                .description("HTTP requests by method, route template and status")
                .register(registry);
    }

    /** The labels of a request's timer: bounded, as the class says, so the map of timers is bounded too. */
    private record RequestLabels(String method, String route, int status) {}

    private static String methodOf(Context ctx) {
        String method = ctx.method().name();
        return METHODS.contains(method) ? method : "OTHER";
    }

    private static String routeOf(Context ctx) {
        try {
            Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
            return endpoint == null ? "unmatched" : endpoint.path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }

    private void refreshQueues() {
        ReadModel view = center.view();
        readAtMs = view.readAtMs(clock);
        for (QueueView queue : view.queues()) {
            String id = queue.config().id();
            queues.put(id, queue);
            if (queuesWithMeters.add(id)) {
                registerQueue(id);
            }
        }
    }

    private void registerQueue(String id) {
        queueGauge("switchboard.queue.waiting", id, "contacts waiting in the queue", QueueView::waiting);
        queueGauge("switchboard.queue.scheduled", id, "callbacks waiting for their time", QueueView::scheduled);
        TimeGauge.builder(
                        "switchboard.queue.oldest.wait",
                        queues,
                        TimeUnit.SECONDS,
                        map -> figure(map, id, q -> q.oldestWaitSecondsAt(readAtMs)))
                .tag("queue", id)
                .description("how long the longest-waiting contact has waited")
                .register(registry);
        agentGauge(id, "ready", QueueView::agentsReady);
        agentGauge(id, "busy", QueueView::agentsBusy);
        agentGauge(id, "wrap_up", QueueView::agentsWrapUp);
        agentGauge(id, "not_ready", QueueView::agentsNotReady);
    }

    private void queueGauge(String name, String id, String description, ToDoubleFunction<QueueView> value) {
        Gauge.builder(name, queues, map -> figure(map, id, value))
                .tag("queue", id)
                .description(description)
                .register(registry);
    }

    private void agentGauge(String id, String status, ToDoubleFunction<QueueView> value) {
        Gauge.builder("switchboard.queue.agents", queues, map -> figure(map, id, value))
                .tags("queue", id, "status", status)
                .description("qualified agents by status")
                .register(registry);
    }

    private static double figure(Map<String, QueueView> queues, String id, ToDoubleFunction<QueueView> value) {
        QueueView queue = queues.get(id);
        return queue == null ? Double.NaN : value.applyAsDouble(queue);
    }
}
