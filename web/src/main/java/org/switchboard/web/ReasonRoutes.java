package org.switchboard.web;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.port.AuditText;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.ReasonCodes;
import org.switchboard.core.port.Role;
import org.switchboard.core.time.Clock;

/**
 * {@code /api/v1/reason-codes}: the lists operators pick from, why they are not ready and how a contact ended. Staff
 * read them; administrators replace a list whole. An operator's NOT_READY reason and disposition must be an active
 * entry (checked where they are sent, {@link #requireAllowed}); staff may write any text ("set by vera").
 */
final class ReasonRoutes {

    private static final String REASONS = "/api/v1/reason-codes";

    private final Auth auth;
    private final JsonBodies bodies;
    private final ReasonCodes reasons;
    private final Clock clock;

    ReasonRoutes(Auth auth, JsonBodies bodies, ReasonCodes reasons, Clock clock) {
        this.auth = auth;
        this.bodies = bodies;
        this.reasons = reasons;
        this.clock = clock;
    }

    void register(RouteTable routes) {
        routes.get(REASONS, this::show);
        routes.put(REASONS + "/{kind}", this::replace);
    }

    /** A list as administrators send it. */
    record ReasonList(@Nullable List<ReasonEntry> codes) {}

    /** One entry; {@code active} true when left out. */
    record ReasonEntry(@Nullable String name, @Nullable Boolean active) {}

    private void show(Context ctx) {
        auth.require(ctx, Role.ADMIN, Role.SUPERVISOR, Role.AGENT);
        Map<String, Object> body = new LinkedHashMap<>();
        for (ReasonCodes.Kind kind : ReasonCodes.Kind.values()) {
            body.put(kind == ReasonCodes.Kind.NOT_READY ? "notReady" : "dispositions", json(reasons.list(kind)));
        }
        ctx.json(body);
    }

    private void replace(Context ctx) {
        Principal admin = auth.require(ctx, Role.ADMIN);
        Idempotency.refuseKey(ctx, "the same list again changes nothing");
        ReasonCodes.Kind kind = switch (ctx.pathParam("kind")) {
            case "not-ready" -> ReasonCodes.Kind.NOT_READY;
            case "dispositions" -> ReasonCodes.Kind.DISPOSITION;
            default -> throw ApiException.notFound("no such list: not-ready or dispositions");
        };
        List<ReasonEntry> entries = bodies.read(ctx, ReasonList.class).codes();
        if (entries == null) {
            throw ApiException.badRequest("'codes' is required: the whole list, in order");
        }
        List<ReasonCodes.Code> codes;
        try {
            codes = ReasonCodes.check(entries.stream()
                    .map(e -> {
                        String name = e == null ? null : e.name();
                        if (e == null || name == null) {
                            throw new IllegalArgumentException("an entry is {\"name\":…, \"active\":…}");
                        }
                        return new ReasonCodes.Code(name, e.active() == null || e.active());
                    })
                    .toList());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(ApiErrors.messageOr(e, "the list is invalid"));
        }
        reasons.replace(kind, codes, admin.name(), clock.nowInMs());
        ctx.json(Map.of("codes", json(reasons.list(kind))));
    }

    /**
     * Refuses an operator's reason or disposition that is not an active entry of its list; staff write what they
     * want. Null passes (no reason given).
     */
    static void requireAllowed(ReasonCodes reasons, Principal principal, ReasonCodes.Kind kind, @Nullable String name) {
        if (name == null || principal.role() != Role.AGENT || reasons.allows(kind, name)) {
            return;
        }
        throw ApiException.badRequest(
                "'" + AuditText.cut(name, 64) + "' is not one of the " + what(kind) + ": " + active(reasons, kind));
    }

    /**
     * As {@link #requireAllowed}, and an operator must give one while its list has active entries (a supervisor's
     * view of why people are away is only as good as the reasons given).
     */
    static void requireGiven(ReasonCodes reasons, Principal principal, ReasonCodes.Kind kind, @Nullable String name) {
        List<String> active = active(reasons, kind);
        if ((name == null || name.isBlank()) && principal.role() == Role.AGENT && !active.isEmpty()) {
            throw ApiException.badRequest("'reason' is required: say why, one of the " + what(kind) + ": " + active);
        }
        requireAllowed(reasons, principal, kind, name);
    }

    private static String what(ReasonCodes.Kind kind) {
        return kind == ReasonCodes.Kind.NOT_READY ? "not-ready reasons" : "dispositions";
    }

    private static List<String> active(ReasonCodes reasons, ReasonCodes.Kind kind) {
        return reasons.list(kind).stream()
                .filter(ReasonCodes.Code::active)
                .map(ReasonCodes.Code::name)
                .toList();
    }

    private static List<Map<String, Object>> json(List<ReasonCodes.Code> codes) {
        return codes.stream()
                .map(c -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("name", c.name());
                    entry.put("active", c.active());
                    return entry;
                })
                .toList();
    }
}
