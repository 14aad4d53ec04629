package org.switchboard.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.port.AccessTokens;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.Role;
import org.switchboard.core.port.StaffAccounts;
import org.switchboard.core.port.StaffSession;

/**
 * Authentication and role checks. Every {@code /api/v1} handler starts with {@link #require}: a missing or unknown
 * credential is 401, a role that may not call the endpoint is 403. Machines send a bearer token; staff in the browser
 * send the session cookie of their sign-in ({@value #SESSION_COOKIE}, HttpOnly, SameSite=Strict), and every request of
 * theirs that may change something also sends the session's CSRF token in {@value #CSRF_HEADER} (403 without it). A
 * bearer token wins when both come. Thread-safe.
 */
final class Auth {

    /** Administrators and supervisors: may act on any agent and any contact. */
    static final Set<Role> STAFF = EnumSet.of(Role.ADMIN, Role.SUPERVISOR);
    /** Everyone who works with contacts: not planners, who see figures only (never Role.values(): new roles stay out). */
    static final Role[] CENTER_ROLES = {Role.ADMIN, Role.SUPERVISOR, Role.AGENT, Role.CHANNEL};

    private static final String BEARER = "Bearer ";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MIN_TOKEN_LENGTH = 32; // as the token store requires
    private static final int MAX_TOKEN_LENGTH = 512; // a header a client can send anywhere; it is hashed anyway

    /** The cookie that carries a browser session's secret. */
    static final String SESSION_COOKIE = "sb_session";

    /** The header that carries a browser session's CSRF token on requests that may change something. */
    static final String CSRF_HEADER = "X-CSRF-Token";

    private static final Set<HandlerType> SAFE_METHODS = Set.of(HandlerType.GET, HandlerType.HEAD);

    private final AccessTokens tokens;
    private final StaffAccounts staff;

    Auth(AccessTokens tokens, StaffAccounts staff) {
        this.tokens = tokens;
        this.staff = staff;
    }

    /** The caller, who must hold one of {@code roles}. */
    Principal require(Context ctx, Role... roles) {
        Principal principal = authenticate(ctx);
        requireRole(principal, roles);
        return principal;
    }

    /** The caller by bearer token, or by session cookie (and, unless the request only reads, its CSRF token). */
    Principal authenticate(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null) {
            return authenticate(authorization, null);
        }
        StaffSession session = session(ctx)
                .orElseThrow(() -> ApiException.unauthorized("sign in, or send 'Authorization: Bearer <token>'"));
        if (!SAFE_METHODS.contains(ctx.method())) {
            requireCsrfToken(ctx, session);
        }
        return session.principal();
    }

    /** The open browser session the request's cookie names, if any. */
    Optional<StaffSession> session(Context ctx) {
        return session(ctx.cookie(SESSION_COOKIE));
    }

    /** The open browser session whose secret is {@code id}, if any. */
    Optional<StaffSession> session(@Nullable String id) {
        return id == null || id.isBlank() ? Optional.empty() : staff.session(id);
    }

    /**
     * A browser session's WebSocket upgrade: its origin must be this server's (a page elsewhere cannot borrow the
     * cookie, as it could for a WebSocket, which SameSite does not always cover).
     */
    StaffSession requireSameOriginSession(Context ctx) {
        StaffSession session = session(ctx)
                .orElseThrow(() -> ApiException.unauthorized("sign in, or send a token ('?token=' or Authorization)"));
        String origin = ctx.header("Origin");
        if (origin == null || !sameOrigin(origin, ctx)) {
            throw ApiException.forbidden("a signed-in event stream is opened from this server's own pages only");
        }
        return session;
    }

    /**
     * Whether {@code origin} is this server's own: the scheme the request came with (or, behind a proxy that ends
     * TLS, its {@code X-Forwarded-Proto}) and the {@code Host}, nothing more (no path, no user).
     */
    static boolean sameOrigin(String origin, Context ctx) {
        String host = ctx.header("Host");
        String forwarded = ctx.header("X-Forwarded-Proto");
        String scheme = forwarded != null ? forwarded.trim() : ctx.scheme();
        return host != null && origin.equalsIgnoreCase(scheme + "://" + host);
    }

    /** Refuses a request that asks for another method than its own: what proxies and logs see is what is done. */
    static void refuseMethodOverride(Context ctx) {
        for (String header : List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override")) {
            if (ctx.header(header) != null) {
                throw ApiException.badRequest(header + " is not accepted: send the request with its own method");
            }
        }
    }

    static void requireCsrfToken(Context ctx, StaffSession session) {
        String sent = ctx.header(CSRF_HEADER);
        if (sent == null
                || !MessageDigest.isEqual(
                        sent.getBytes(StandardCharsets.UTF_8),
                        session.csrfToken().getBytes(StandardCharsets.UTF_8))) {
            throw ApiException.forbidden("a signed-in request that changes something sends the session's " + CSRF_HEADER
                    + " (from GET /api/v1/session)");
        }
    }

    /** The caller of a WebSocket upgrade: the token comes in the Authorization header or the {@code token} query. */
    Principal authenticate(@Nullable String authorization, @Nullable String queryToken) {
        String token = authorization != null ? bearerToken(authorization) : queryToken;
        if (token == null || token.isBlank()) {
            throw ApiException.unauthorized("send 'Authorization: Bearer <token>'");
        }
        Optional<Principal> principal = tokens.authenticate(token.trim());
        return principal.orElseThrow(() -> ApiException.unauthorized("the token is unknown or was replaced"));
    }

    static void requireRole(Principal principal, Role... roles) {
        if (!Arrays.asList(roles).contains(principal.role())) {
            throw ApiException.forbidden(
                    "role " + principal.role() + " may not do this; it needs one of " + Arrays.toString(roles));
        }
    }

    /** An agent may act only as itself; staff may act for any agent. */
    static void requireSelfOrStaff(Principal principal, String agentId) {
        boolean self = principal.role() == Role.AGENT && agentId.equals(principal.agentId());
        if (!self && !STAFF.contains(principal.role())) {
            throw ApiException.forbidden("'" + principal.name() + "' may act only for itself");
        }
    }

    /** The agent id an agent acts as, or null for staff and channels (who act for nobody in particular). */
    static @Nullable String actingAgent(Principal principal) {
        return principal.role() == Role.AGENT ? principal.agentId() : null;
    }

    /** The given token after a strength check, or a new random one (32 bytes, base64url). */
    static String tokenOrNew(@Nullable String given) {
        if (given == null) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
        // printable ASCII: what an Authorization header carries the same way on every client (RFC 6750 token68)
        if (given.length() < MIN_TOKEN_LENGTH
                || given.length() > MAX_TOKEN_LENGTH
                || given.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw ApiException.badRequest("a token must be " + MIN_TOKEN_LENGTH + " to " + MAX_TOKEN_LENGTH
                    + " printable ASCII characters without spaces; leave it out to have one generated");
        }
        return given;
    }

    /**
     * Whether the answer to a request that issued {@code token} may show it: always the first time; for a repeat
     * ({@link Outcome.Repeated}) only when the client chose the token ({@code given}), since a generated one was
     * made anew for the repeat and never granted.
     */
    static boolean mayShowToken(Outcome outcome, @Nullable String given) {
        return !(outcome instanceof Outcome.Repeated) || given != null;
    }

    private static String bearerToken(String authorization) {
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw ApiException.unauthorized("only 'Authorization: Bearer <token>' is accepted");
        }
        return authorization.substring(BEARER.length());
    }
}
