package org.switchboard.web;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.switchboard.core.model.Ids;
import org.switchboard.core.port.AccessTokens;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.Role;

/**
 * {@code POST /api/v1/users}: administrators issue tokens to supervisors, channel adapters and other administrators.
 * The token is shown once; posting the same name again replaces its token. Agents get theirs from
 * {@code POST /api/v1/agents}.
 */
final class UserRoutes {

    private final Auth auth;
    private final JsonBodies bodies;
    private final AuditTrail audit;
    private final AccessTokens tokens;

    UserRoutes(Auth auth, JsonBodies bodies, AuditTrail audit, AccessTokens tokens) {
        this.auth = auth;
        this.bodies = bodies;
        this.audit = audit;
        this.tokens = tokens;
    }

    void register(RouteTable routes) {
        routes.post("/api/v1/users", this::create);
    }

    private void create(Context ctx) {
        Principal admin = auth.require(ctx, Role.ADMIN);
        UserRequest request = bodies.read(ctx, UserRequest.class);
        Principal user = new Principal(Ids.require("user", request.name()), request.parsedRole(), null);
        String token = Auth.tokenOrNew(request.token());
        TokenIssuer.issue(tokens, user, token);
        audit.record(admin, "user.token", user.name(), user.role().name());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", user.name());
        body.put("role", user.role().name().toLowerCase(Locale.ROOT));
        body.put("token", token);
        ctx.status(201).json(body);
    }

    /** A user as clients send it: {@code role} is supervisor, channel or admin. */
    record UserRequest(String name, String role, String token) {

        Role parsedRole() {
            if (role == null) {
                throw ApiException.badRequest("'role' is required: supervisor, channel or admin");
            }
            Role parsed;
            try {
                parsed = Role.valueOf(role.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("unknown role '" + role + "'; expected supervisor, channel or admin");
            }
            if (parsed == Role.AGENT) {
                throw ApiException.badRequest("agents get their token from POST /api/v1/agents");
            }
            return parsed;
        }
    }
}
