package org.switchboard.web;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.switchboard.core.model.Ids;
import org.switchboard.core.port.PhoneCredentials;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.Role;

/**
 * {@code /api/v1/agents/{id}/sip-credentials}: administrators issue and revoke the SIP credentials an agent's desk
 * phone registers with (digest user = the agent's id). The password is made by {@link PhoneCredentials}, shown once in
 * the answer (marked {@code Cache-Control: no-store}, so no proxy or browser keeps it) and never logged or audited;
 * issuing again replaces it. Issuing needs an agent the center knows. The credentials are kept beside the journal,
 * not in it: a repeat of a lost answer issues a new password, so the routes take no Idempotency-Key.
 */
final class PhoneRoutes {

    private static final String CREDENTIALS = "/api/v1/agents/{id}/sip-credentials";

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
    }

    private void issue(Context ctx) {
        Principal admin = auth.require(ctx, Role.ADMIN);
        String agent = Ids.require("agent", ctx.pathParam("id"));
        if (center.view().agent(agent).isEmpty()) {
            throw ApiException.notFound("no agent '" + agent + "'");
        }
        String password = phones.issue(agent);
        audit.recordApplied(admin, "agent.sip-credentials.issue", agent, "realm " + phones.realm());
        ctx.status(201).header("Cache-Control", "no-store").json(credentials(agent, password));
    }

    /**
     * Revokes whatever the agent's phone holds, also for an agent the center no longer shows. Idempotent, as DELETE
     * is: nothing to revoke is 204 too (and not audited, since nothing changed).
     */
    private void revoke(Context ctx) {
        Principal admin = auth.require(ctx, Role.ADMIN);
        String agent = Ids.require("agent", ctx.pathParam("id"));
        if (phones.revoke(agent)) {
            audit.recordApplied(admin, "agent.sip-credentials.revoke", agent, "realm " + phones.realm());
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
