package org.switchboard.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;
import org.switchboard.core.port.Role;
import org.switchboard.runtime.Health;
import org.switchboard.runtime.LoopFigures;

/**
 * What operations engineers and tools read: {@code /health} (503 once the center stopped taking commands),
 * {@code /metrics} (Prometheus text) and {@code /api/openapi.json} (the API's contract), all without a token except
 * {@code /metrics} when the options say it needs one (an administrator's or supervisor's).
 */
final class OperationsRoutes {

    private static final String OPENAPI_RESOURCE = "/openapi.json";

    private final CenterGateway center;
    private final CenterMetrics metrics;
    private final Auth auth;
    private final boolean metricsRequireToken;
    private final ReadLane reads;
    private final String openApi;
    private final Map<String, Supplier<Map<String, Object>>> channels = new ConcurrentSkipListMap<>();
    private volatile boolean starting;

    OperationsRoutes(
            CenterGateway center, CenterMetrics metrics, Auth auth, boolean metricsRequireToken, ReadLane reads) {
        this.center = center;
        this.metrics = metrics;
        this.auth = auth;
        this.metricsRequireToken = metricsRequireToken;
        this.reads = reads;
        this.openApi = loadOpenApi();
    }

    /** While {@code starting}, {@code /health} answers 503 {@code STARTING} whatever the center's status. */
    void starting(boolean starting) {
        this.starting = starting;
    }

    /** {@code /health} shows {@code state} under {@code channels.<name>} from now on. */
    void reportChannel(String name, Supplier<Map<String, Object>> state) {
        channels.put(name, state);
    }

    private static Object stateOf(String name, Supplier<Map<String, Object>> state) {
        try {
            return state.get();
        } catch (RuntimeException e) {
            return Map.of("error", name + " could not say: " + e.getClass().getSimpleName());
        }
    }

    void register(RouteTable routes) {
        routes.get("/health", this::health);
        routes.get("/metrics", this::metrics);
        routes.get(
                "/api/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
    }

    /** 200 UP while commands are taken; 503 STARTING, DEGRADED (with the reason) or DOWN otherwise. */
    private void health(Context ctx) {
        Health health =
                starting ? Health.starting("the center is attaching its channels and planning") : center.health();
        LoopFigures figures = center.center().figures();
        Map<String, Object> journal = new LinkedHashMap<>();
        journal.put("commits", figures.journalCommits());
        journal.put("entries", figures.journalEntries());
        journal.put("lastCommitMs", figures.lastCommitMillis());
        journal.put("replayedEntries", figures.replayedEntries());
        journal.put("commitRetries", figures.commitRetries());
        journal.put("position", center.view().journalPosition());
        Map<String, Object> snapshots = new LinkedHashMap<>();
        snapshots.put("taken", figures.snapshots());
        snapshots.put("lastPosition", figures.lastSnapshotPosition());
        snapshots.put("lastBytes", figures.lastSnapshotBytes());
        snapshots.put("lastMs", figures.lastSnapshotMillis());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", health.status().name());
        if (!health.isUp()) {
            body.put("reason", health.reason());
            body.put("detail", health.detail());
            ctx.header("Retry-After", "1");
        }
        body.put("journal", journal);
        body.put("snapshots", snapshots);
        if (!channels.isEmpty()) {
            Map<String, Object> states = new LinkedHashMap<>();
            channels.forEach((name, state) -> states.put(name, stateOf(name, state)));
            body.put("channels", states);
        }
        ctx.status(health.isUp() ? 200 : 503).json(body);
    }

    /**
     * The Prometheus text, made on the read lane. Besides keeping scrapers off the carriers, this keeps the scrape off
     * virtual threads: there the JDK's {@code BufferedWriter} (which the exposition writer wraps around the output)
     * starts at 512 characters and grows by each write's length, copying its buffer on every write up to 8 KB. A
     * 12 KB scrape made 16 MB of garbage and took 13 ms there, against 0.26 MB and about 1 ms on a platform thread
     * (JDK 25.0.3).
     */
    private void metrics(Context ctx) {
        if (metricsRequireToken) {
            auth.require(ctx, Role.ADMIN, Role.SUPERVISOR);
        }
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(reads.answer(metrics::scrape));
    }

    private static String loadOpenApi() {
        try (InputStream in = OperationsRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + OPENAPI_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
