package org.switchboard.web;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.switchboard.core.model.Ids;
import org.switchboard.core.port.PhoneCredentials;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.Role;

/**
 * {@code /api/v1/agents/{id}/sip-credentials} and {@code /api/v1/users/{name}/sip-credentials}: administrators issue
 * and revoke the SIP credentials an agent's or a supervisor's desk phone registers with (digest user = the agent's id
 * or the user's name; agents and users share one name space). A supervisor's phone is rung only when that supervisor
 * asks to listen in. The password is made by {@link PhoneCredentials}, shown once in
 * the answer (marked {@code Cache-Control: no-store}, so no proxy or browser keeps it) and never logged or audited;
 * issuing again replaces it. Issuing needs an agent the center knows. The credentials are kept beside the journal,
 * not in it: a repeat of a lost answer issues a new password, so the routes take no Idempotency-Key.
 */
final class PhoneRoutes {

    private static final String CREDENTIALS = "/api/v1/agents/{id}/sip-credentials";
    private static final String USER_CREDENTIALS = "/api/v1/users/{name}/sip-credentials";

    private final Auth auth;
    private final CenterGateway center;
    private final PhoneCredentials phones;
    private final AuditTrail audit;

    PhoneRoutes(Auth auth, CenterGateway center, PhoneCredentials phones, AuditTrail audit) {
        this.auth = auth;
        this.center = center;
        this.phones = phones;
        this.audit = audit;
    }

    void register(RouteTable routes) {
        routes.post(CREDENTIALS, this::issue);
        routes.delete(CREDENTIALS, this::revoke);
        routes.post(USER_CREDENTIALS, this::issueToUser);
        routes.delete(USER_CREDENTIALS, this::revokeFromUser);
    }

    private void issue(Context ctx) {
        Principal admin = auth.require(ctx, Role.ADMIN);
        String agent = Ids.require("agent", ctx.pathParam("id"));
        if (center.view().agent(agent).isEmpty()) {
            throw ApiException.notFound("no agent '" + agent + "'");
        }
        issue(ctx, admin, agent, "agent");
    }

    /**
     * A supervisor's (or another user's) phone. The name must not be an agent's: an agent's phone has its own route,
     * which checks the agent exists. Users are not in the published view, so the name is not checked further: the
     * phone of a name that is nobody's is rung by nothing.
     */
    private void issueToUser(Context ctx) {
        Principal admin = auth.require(ctx, Role.ADMIN);
        String user = Ids.require("user", ctx.pathParam("name"));
        if (center.view().agent(user).isPresent()) {
            throw ApiException.conflict("'" + user + "' is an agent: use /api/v1/agents/" + user + "/sip-credentials");
        }
        issue(ctx, admin, user, "user");
    }

    private void issue(Context ctx, Principal admin, String name, String kind) {
        String password = phones.issue(name);
        audit.recordApplied(admin, kind + ".sip-credentials.issue", name, "realm " + phones.realm());
        ctx.status(201).header("Cache-Control", "no-store").json(credentials(name, password));
    }

    /**
     * Revokes whatever the phone holds, also for an agent the center no longer shows. Idempotent, as DELETE is:
     * nothing to revoke is 204 too (and not audited, since nothing changed).
     */
    private void revoke(Context ctx) {
        Principal admin = auth.require(ctx, Role.ADMIN);
        revoke(ctx, admin, Ids.require("agent", ctx.pathParam("id")), "agent");
    }

    private void revokeFromUser(Context ctx) {
        Principal admin = auth.require(ctx, Role.ADMIN);
        revoke(ctx, admin, Ids.require("user", ctx.pathParam("name")), "user");
    }

    private void revoke(Context ctx, Principal admin, String name, String kind) {
        if (phones.revoke(name)) {
            audit.recordApplied(admin, kind + ".sip-credentials.revoke", name, "realm " + phones.realm());
        }
        ctx.status(204);
    }

    private Map<String, Object> credentials(String agent, String password) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user", agent);
        body.put("password", password);
        body.put("realm", phones.realm());
        return body;
    }
}
