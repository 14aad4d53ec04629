package org.switchboard.web;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.message.Command;
import org.switchboard.core.model.AgentStatus;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.model.Ids;
import org.switchboard.core.model.Presence;
import org.switchboard.core.port.AuditText;
import org.switchboard.core.port.PasswordText;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.Role;
import org.switchboard.core.port.StaffAccounts;
import org.switchboard.core.port.StaffAccounts.SignIn;
import org.switchboard.core.port.StaffSession;
import org.switchboard.core.time.Clock;
import org.switchboard.core.view.AgentView;

/**
 * Staff sign-in for the browser pages: {@code POST /api/v1/session} with a name and a password sets the session cookie
 * and answers who signed in with the session's CSRF token; {@code GET} answers the same for the cookie's session (the
 * pages ask it on load); {@code DELETE} signs out. Administrators set or reset any principal's password with
 * {@code PUT /api/v1/users/{name}/password} (agents and users share one name space). Sign-ins, lockouts and password
 * changes are audited; a password is never logged, echoed or stored in clear.
 *
 * <p>The cookie is HttpOnly and SameSite=Strict, scoped to the whole site, and Secure when the request came over
 * HTTPS (directly or, per {@code X-Forwarded-Proto}, through a proxy that ends TLS). A sign-in sent from another
 * site's page ({@code Origin} naming another host) is refused, so no page elsewhere can sign a browser in as someone.
 */
final class SessionRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(SessionRoutes.class);

    private static final String SESSION = "/api/v1/session";
    private static final Principal UNAUTHENTICATED = Principal.notAnAgent("unauthenticated", Role.CHANNEL);

    private final CenterGateway center;
    private final Auth auth;
    private final StaffAccounts staff;
    private final JsonBodies bodies;
    private final AuditTrail audit;
    private final Clock clock;
    private final EventStream events;
    private final PasswordCheckGate passwordChecks;

    SessionRoutes(
            Auth auth,
            StaffAccounts staff,
            JsonBodies bodies,
            AuditTrail audit,
            Clock clock,
            EventStream events,
            CenterGateway center,
            PasswordCheckGate passwordChecks) {
        this.center = center;
        this.passwordChecks = passwordChecks;
        this.auth = auth;
        this.staff = staff;
        this.bodies = bodies;
        this.audit = audit;
        this.clock = clock;
        this.events = events;
    }

    void register(RouteTable routes) {
        routes.post(SESSION, this::signIn);
        routes.get(SESSION, this::show);
        routes.delete(SESSION, this::signOut);
        routes.put("/api/v1/users/{name}/password", this::setPassword);
    }

    /** A sign-in as clients send it. */
    record SignInRequest(@Nullable String name, @Nullable String password) {}

    /** A new password as administrators send it. */
    record PasswordRequest(@Nullable String password) {}

    private void signIn(Context ctx) {
        refuseOtherSites(ctx);
        SignInRequest request = bodies.read(ctx, SignInRequest.class);
        String name = request.name();
        String password = request.password();
        if (name == null || password == null) {
            throw ApiException.badRequest("send {\"name\":…,\"password\":…}");
        }
        SignIn result = passwordChecks.check(ctx, () -> staff.signIn(name, password));
        switch (result) {
            case SignIn.Opened opened -> opened(ctx, opened);
            case SignIn.Refused refused ->
                throw new ApiException(401, "sign_in_failed", "the name or the password is wrong");
            case SignIn.Locked locked -> {
                long seconds = Math.max(1, (locked.untilMs() - clock.nowInMs() + 999) / 1000);
                if (locked.justLocked()) { // once per lock: refusals while it lasts would flood the audit log
                    auditAs(
                            name,
                            "staff.locked",
                            "locked for " + seconds + " s after repeated wrong passwords, from "
                                    + passwordChecks.clientOf(ctx));
                }
                ctx.header("Retry-After", String.valueOf(seconds));
                throw new ApiException(
                        429,
                        "locked",
                        "Too many wrong passwords: signing in as this name is locked for "
                                + ((seconds + 59) / 60) + (seconds > 60 ? " more minutes" : " more minute")
                                + "; an administrator can reset the password.");
            }
            case SignIn.Busy busy -> {
                ctx.header("Retry-After", "1");
                throw new ApiException(503, "busy", "too many sign-ins at once; try again in a second");
            }
        }
    }

    private void opened(Context ctx, SignIn.Opened opened) {
        StaffSession session = opened.session();
        long maxAgeSeconds = Math.max(0, (session.expiresAtMs() - clock.nowInMs()) / 1000);
        ctx.header("Set-Cookie", cookie(ctx, opened.sessionId(), maxAgeSeconds));
        ctx.header("Cache-Control", "no-store"); // the answer holds the CSRF token
        audit.recordApplied(
                session.principal(),
                "staff.sign-in",
                session.principal().name(),
                "signed in from " + passwordChecks.clientOf(ctx));
        ctx.status(200).json(describe(session));
    }

    private void show(Context ctx) {
        StaffSession session = auth.session(ctx).orElseThrow(() -> ApiException.unauthorized("not signed in"));
        ctx.header("Cache-Control", "no-store"); // the answer holds the CSRF token
        ctx.json(describe(session));
    }

    private void signOut(Context ctx) {
        Optional<StaffSession> session = auth.session(ctx);
        if (session.isPresent()) {
            Auth.requireCsrfToken(ctx, session.get()); // no other site signs anyone out
            ctx.header("Set-Cookie", cookie(ctx, "", 0)); // kept should anything after the sign-out fail
            staff.signOut(Objects.requireNonNull(
                    ctx.cookie(Auth.SESSION_COOKIE), "a session is found by its cookie")); // auth.session read it
            events.endBrowserSession(session.get().key());
            leaveQueuesIfPossible(session.get().principal());
            audit.recordApplied(
                    session.get().principal(),
                    "staff.sign-out",
                    session.get().principal().name(),
                    "");
        } else {
            ctx.header("Set-Cookie", cookie(ctx, "", 0));
        }
        ctx.status(204);
    }

    /**
     * The session has ended whatever happens here: a center that cannot take the change now (the database away) is
     * logged, and the operator stays as it was; an offer to the empty desk then times out and sets it NOT_READY.
     */
    private void leaveQueuesIfPossible(Principal principal) {
        try {
            leaveQueues(principal);
        } catch (ApiException refused) {
            LOG.warn(
                    "{} signed out but stays in the queues: {} ({})",
                    principal.name(),
                    refused.getMessage(),
                    refused.status());
        }
    }

    /**
     * An operator who signs out of the desk leaves the queues: nothing more is offered to a desk nobody watches (it
     * would ring for the offer time and go back to the line). With conversations still connected the operator stays
     * NOT_READY "signed out" and finishes them after signing in again; an offer still ringing goes back to the line at
     * once (passed on, as a rejection: a colleague gets it first).
     */
    private void leaveQueues(Principal principal) {
        if (principal.role() != Role.AGENT || principal.agentId() == null) {
            return;
        }
        var agent = center.view().agent(principal.agentId());
        if (agent.isEmpty() || agent.get().status() == AgentStatus.LOGGED_OUT) {
            return;
        }
        try {
            center.submit(new Command.ChangePresence(principal.agentId(), Presence.LOGGED_OUT, null));
        } catch (ApiException busy) {
            if (busy.status() != 409) {
                throw busy;
            }
            passOnOffers(agent.get());
            center.submit(new Command.ChangePresence(principal.agentId(), Presence.NOT_READY, "signed out"));
        }
    }

    private void passOnOffers(AgentView agent) {
        for (UUID contactId : agent.contacts()) {
            boolean offered = center.view()
                    .contact(contactId)
                    .filter(c -> c.state() == ContactState.OFFERED)
                    .isPresent();
            if (offered) {
                try {
                    center.submit(new Command.RejectOffer(contactId, agent.id()));
                } catch (ApiException gone) {
                    LOG.debug("{}'s offer {} was not passed on: {}", agent.id(), contactId, gone.getMessage());
                }
            }
        }
    }

    private void setPassword(Context ctx) {
        Principal admin = auth.require(ctx, Role.ADMIN);
        String name = staff.nameOf(Ids.require("name", ctx.pathParam("name"))); // typed as said: in any case
        PasswordRequest request = bodies.read(ctx, PasswordRequest.class);
        String password = request.password();
        String problem =
                PasswordText.problem(password, StaffAccounts.MIN_PASSWORD_LENGTH, StaffAccounts.MAX_PASSWORD_LENGTH);
        if (problem != null || password == null) {
            throw ApiException.badRequest("'password': " + problem);
        }
        if (!staff.setPassword(name, password)) {
            throw ApiException.notFound("no agent or user is called '" + name + "'");
        }
        audit.recordApplied(admin, "staff.password", name, "set; sessions ended");
        ctx.status(204);
    }

    private Map<String, Object> describe(StaffSession session) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", session.principal().name());
        body.put("role", session.principal().role().name().toLowerCase(Locale.ROOT));
        body.put("agentId", session.principal().agentId());
        body.put("csrfToken", session.csrfToken());
        body.put("expiresAt", EventJson.iso(session.expiresAtMs()));
        return body;
    }

    /** Records what happened to a sign-in as {@code name}, by nobody yet known. */
    private void auditAs(String name, String action, String detail) {
        audit.recordApplied(UNAUTHENTICATED, action, AuditText.cut(name, 64), detail);
    }

    static void refuseOtherSites(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin != null && !Auth.sameOrigin(origin, ctx)) {
            throw ApiException.forbidden("sign in from this server's own page");
        }
    }

    private static String cookie(Context ctx, String value, long maxAgeSeconds) {
        return sessionCookie(ctx, Auth.SESSION_COOKIE, value, maxAgeSeconds);
    }

    /** A session cookie {@code name}: HttpOnly, SameSite=Strict, site-wide, Secure when the request came over HTTPS. */
    static String sessionCookie(Context ctx, String name, String value, long maxAgeSeconds) {
        boolean secure =
                "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
        return name + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }
}
