package org.switchboard.web;

import io.javalin.http.Context;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.message.Command;
import org.switchboard.core.port.AuditRecord;
import org.switchboard.core.port.AuditText;
import org.switchboard.core.port.CodeWordAttempts;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.Role;
import org.switchboard.core.port.StoreUnavailableException;
import org.switchboard.core.port.Subscriber;
import org.switchboard.core.port.SubscriberRegistry;

/**
 * {@code /api/v1/subscribers/{msisdn}}: the subscriber card an operator sees, the code-word check, and the audit of
 * both. Every view and every check is audited, also when refused; the code word itself is never shown, logged or
 * audited. An MSISDN must be in international form ({@link #MSISDN_RULE}); anything else is refused (400) before it
 * reaches the registry, and audited with the subject cut to {@value #REFUSED_SUBJECT_LENGTH} characters. The audit
 * trail is read by the subject as recorded, so a cut one can be read too.
 *
 * <p>Repeated wrong code words for one line are refused for a while (429): a check reserves an attempt with
 * {@link CodeWordAttempts} before it runs the slow hash, so concurrent checks and other nodes cannot exceed the
 * limit, and only a right word gives the attempt back.
 */
final class SubscriberRoutes {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SubscriberRoutes.class);

    static final String SUBSCRIBER = "/api/v1/subscribers/{msisdn}";
    private static final int DEFAULT_AUDIT_LIMIT = 100;
    private static final int MAX_AUDIT_LIMIT = 1000;
    private static final Pattern MSISDN = Pattern.compile("\\+?[0-9]{3,20}");
    static final String MSISDN_RULE = "an MSISDN is in international form: an optional '+' and 3 to 20 digits";
    static final int REFUSED_SUBJECT_LENGTH = 32;
    private static final String VIEW = "subscriber.view";
    private static final String VERIFY = "subscriber.verify-code-word";

    private final Auth auth;
    private final JsonBodies bodies;
    private final SubscriberRegistry subscribers;
    private final AuditTrail audit;
    private final CodeWordAttempts attempts;
    private final SubscriberReach reach;
    private final ServedContacts served;
    private final CenterGateway center;

    SubscriberRoutes(
            Auth auth,
            JsonBodies bodies,
            SubscriberRegistry subscribers,
            AuditTrail audit,
            CodeWordAttempts attempts,
            SubscriberReach reach,
            ServedContacts served,
            CenterGateway center) {
        this.auth = auth;
        this.bodies = bodies;
        this.subscribers = subscribers;
        this.audit = audit;
        this.attempts = attempts;
        this.reach = reach;
        this.served = served;
        this.center = center;
    }

    void register(RouteTable routes) {
        routes.get(SUBSCRIBER, this::show);
        routes.post(SUBSCRIBER + "/verify-code-word", this::verifyCodeWord);
        routes.get(SUBSCRIBER + "/audit", this::auditTrail);
    }

    private void show(Context ctx) {
        Principal viewer = auth.require(ctx, Role.AGENT, Role.SUPERVISOR, Role.ADMIN);
        String msisdn = msisdn(ctx, viewer, VIEW);
        requireReach(viewer, msisdn, VIEW);
        Subscriber subscriber = subscribers.find(msisdn).orElse(null);
        audit.record(viewer, VIEW, msisdn, subscriber == null ? "not found" : "shown");
        if (subscriber == null) {
            throw ApiException.notFound("no subscriber " + msisdn);
        }
        ctx.json(card(subscriber));
    }

    private void verifyCodeWord(Context ctx) {
        Principal checker = auth.require(ctx, Role.AGENT, Role.SUPERVISOR, Role.ADMIN);
        String msisdn = msisdn(ctx, checker, VERIFY);
        requireReach(checker, msisdn, VERIFY);
        CodeWordRequest request = bodies.read(ctx, CodeWordRequest.class);
        String codeWord = request.codeWord();
        if (codeWord == null || codeWord.isBlank()) {
            throw ApiException.badRequest("'codeWord' is required");
        }
        if (request.contactId() == null && checker.role() == Role.AGENT) { // else any past contact lets one guess
            throw ApiException.badRequest(
                    "'contactId' is required: an agent checks the code word of the contact it" + " serves");
        }
        UUID contactId = request.contactId() == null ? null : ServedContacts.parse(request.contactId());
        if (contactId != null) {
            served.requireServing(checker, contactId, msisdn);
        }
        if (subscribers.find(msisdn).isEmpty()) {
            throw ApiException.notFound("no subscriber " + msisdn);
        }
        if (!attempts.reserve(msisdn)) {
            audit.record(checker, VERIFY, msisdn, "refused: too many failed attempts");
            alertLocked(checker, msisdn, contactId);
            throw new ApiException(
                    429, "too_many_attempts", "too many wrong code words for this line; try again later");
        }
        boolean verified = check(checker, msisdn, codeWord, contactId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("verified", verified);
        body.put("recorded", contactId != null && recorded(checker, contactId, msisdn, verified));
        ctx.json(body);
    }

    /**
     * Tells the supervisors' views that a locked line was tried again (someone may be guessing); best effort: the
     * refusal stands whether or not the alert could be journaled.
     */
    private void alertLocked(Principal checker, String msisdn, @Nullable UUID contactId) {
        String detail = CodeWordAttempts.MAX_FAILURES + " wrong code words within "
                + CodeWordAttempts.WINDOW_IN_MS / 60_000 + " minutes: the line is locked; tried again by "
                + checker.name() + (contactId == null ? "" : " for contact " + contactId);
        try {
            center.submit(new Command.RaiseAlert("code-word-lock", msisdn, detail), null);
        } catch (ApiException e) {
            LOG.warn("the code-word lock of a line could not be shown to supervisors: {}", e.getMessage());
        }
    }

    /** Runs the slow check of a reserved attempt and audits it (never the word). */
    private boolean check(Principal checker, String msisdn, String codeWord, @Nullable UUID contactId) {
        try {
            boolean verified = subscribers.verifyCodeWord(msisdn, codeWord);
            if (verified) {
                attempts.succeeded(msisdn);
            }
            audit.record(
                    checker,
                    VERIFY,
                    msisdn,
                    (verified ? "verified" : "wrong code word")
                            + (contactId == null ? "" : " for contact " + contactId));
            return verified;
        } catch (StoreUnavailableException e) { // the attempt is already counted: not "nothing was changed"
            throw ApiException.unavailable("the database could not finish the check; it may count as one attempt "
                    + "against the line's limit; retry shortly");
        }
    }

    /**
     * Records the check in the contact's timeline, where account actions look for it; false when the engine refused
     * (the contact ended or moved on meanwhile), so the client knows to check again for a contact it still serves.
     */
    private boolean recorded(Principal checker, UUID contactId, String msisdn, boolean verified) {
        try {
            center.submit(
                    new Command.RecordCodeWordCheck(
                            contactId, Auth.actingAgent(checker), checker.name(), msisdn, verified),
                    null);
            return true;
        } catch (ApiException refused) {
            if (refused.status() >= 500) {
                throw refused;
            }
            return false;
        }
    }

    private void auditTrail(Context ctx) {
        auth.require(ctx, Role.SUPERVISOR, Role.ADMIN);
        String msisdn = ctx.pathParam("msisdn");
        int limit = Limits.of(ctx, DEFAULT_AUDIT_LIMIT, MAX_AUDIT_LIMIT);
        ctx.json(audit.log().about(msisdn, limit).stream()
                .map(SubscriberRoutes::entry)
                .toList());
    }

    /** The path's MSISDN; one of another form is audited as a refused {@code action} and answered 400. */
    private String msisdn(Context ctx, Principal actor, String action) {
        return msisdn(ctx, actor, action, audit);
    }

    /** The path's MSISDN; one of another form is audited as a refused {@code action} and answered 400. */
    static String msisdn(Context ctx, Principal actor, String action, AuditTrail audit) {
        String msisdn = ctx.pathParam("msisdn");
        if (!MSISDN.matcher(msisdn).matches()) {
            audit.record(actor, action, AuditText.cut(msisdn, REFUSED_SUBJECT_LENGTH), "refused: not an MSISDN");
            throw ApiException.badRequest(MSISDN_RULE);
        }
        return msisdn;
    }

    /** An agent without a contact of {@code msisdn} is refused, and the refusal audited. */
    private void requireReach(Principal actor, String msisdn, String action) {
        try {
            reach.require(actor, msisdn);
        } catch (ApiException e) {
            audit.record(actor, action, msisdn, "refused: not the subscriber of its contacts");
            throw e;
        }
    }

    static Map<String, Object> card(Subscriber s) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("msisdn", s.msisdn());
        body.put("name", s.name());
        body.put("tariff", s.tariff());
        body.put("balance", balance(s));
        body.put("balanceMinor", s.balanceMinor());
        body.put("currency", s.currency());
        body.put("services", s.services());
        body.put("language", s.language());
        return body;
    }

    private static BigDecimal balance(Subscriber s) {
        int digits = 2;
        if (s.currency() != null) {
            try {
                digits = Math.max(0, Currency.getInstance(s.currency()).getDefaultFractionDigits());
            } catch (IllegalArgumentException e) {
                digits = 2;
            }
        }
        return BigDecimal.valueOf(s.balanceMinor(), digits);
    }

    private static Map<String, Object> entry(AuditRecord r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("at", EventJson.iso(r.atMs()));
        body.put("actor", r.actor());
        body.put("action", r.action());
        body.put("subject", r.subject());
        body.put("detail", r.detail());
        return body;
    }

    record CodeWordRequest(
            @Nullable String codeWord, @Nullable String contactId) {
        @Override
        public String toString() {
            return "CodeWordRequest[codeWord=<hidden>]";
        }
    }
}
