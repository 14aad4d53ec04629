package org.switchboard.web;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Credential;
import org.switchboard.core.message.DefinitionMode;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.model.Ids;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.Role;

/**
 * {@code POST /api/v1/users}: administrators issue tokens to supervisors, planners, channel adapters and other administrators.
 * The token is shown once; posting the same name again replaces its token (and ends the sessions opened with the
 * old one). Agents get theirs from {@code POST /api/v1/agents}. Users and agents share one name space: a name an
 * agent has is refused (409), and so is a token someone else holds. The user and its token are one journaled
 * command, durable together. A repeat of the request (same Idempotency-Key) answers without a token the server
 * generated: that token was shown once, in the first answer, and is known only by its hash. {@code GET /api/v1/users}
 * lists them.
 */
final class UserRoutes {

    private final Auth auth;
    private final CenterGateway center;
    private final JsonBodies bodies;
    private final AuditTrail audit;

    UserRoutes(Auth auth, CenterGateway center, JsonBodies bodies, AuditTrail audit) {
        this.auth = auth;
        this.center = center;
        this.bodies = bodies;
        this.audit = audit;
    }

    void register(RouteTable routes) {
        routes.post("/api/v1/users", this::create);
        routes.get("/api/v1/users", this::list);
    }

    /** The users who are not agents, by name, with their roles: what the admin console's user list shows. */
    private void list(Context ctx) {
        auth.require(ctx, Role.ADMIN);
        ctx.json(center.view().users().entrySet().stream()
                .map(user -> Map.of("name", user.getKey(), "role", roleName(user.getValue())))
                .toList());
    }

    private static String roleName(Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }

    private void create(Context ctx) {
        Principal admin = auth.require(ctx, Role.ADMIN);
        UserRequest request = bodies.read(ctx, UserRequest.class);
        Principal user = Principal.notAnAgent(userId(request.name()), request.parsedRole());
        String token = Auth.tokenOrNew(request.token());
        Outcome outcome = center.submit(
                new Command.DefineUser(user.name(), user.role(), DefinitionMode.UPSERT, Credential.ofToken(token)),
                Idempotency.keyOf(ctx, admin));
        audit.recordApplied(
                outcome, admin, "user.token", user.name(), user.role().name());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", user.name());
        body.put("role", roleName(user.role()));
        if (Auth.mayShowToken(outcome, request.token())) {
            body.put("token", token);
        }
        Idempotency.replied(ctx, outcome).status(201).json(body);
    }

    /** The user's name as the model checks an id: a missing one is refused as a malformed one is. */
    private static String userId(@Nullable String name) {
        return Ids.require("user", name == null ? "" : name);
    }

    /** A user as clients send it: {@code role} is supervisor, planner, channel or admin. */
    record UserRequest(
            @Nullable String name,
            @Nullable String role,
            @Nullable String token) {

        Role parsedRole() {
            if (role == null) {
                throw ApiException.badRequest("'role' is required: supervisor, planner, channel or admin");
            }
            Role parsed;
            try {
                parsed = Role.valueOf(role.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(
                        "unknown role '" + role + "'; expected supervisor, planner, channel or admin");
            }
            if (parsed == Role.AGENT) {
                throw ApiException.badRequest("agents get their token from POST /api/v1/agents");
            }
            return parsed;
        }
    }
}
