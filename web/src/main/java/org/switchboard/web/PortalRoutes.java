package org.switchboard.web;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.port.AccountActor;
import org.switchboard.core.port.AccountChange;
import org.switchboard.core.port.Catalogue;
import org.switchboard.core.port.MailNotices;
import org.switchboard.core.port.PortalAccounts;
import org.switchboard.core.port.PortalAccounts.PasswordChange;
import org.switchboard.core.port.PortalAccounts.PortalSession;
import org.switchboard.core.port.PortalAccounts.SignIn;
import org.switchboard.core.port.SelfServiceLog;
import org.switchboard.core.port.ServiceMessages;
import org.switchboard.core.port.Subscriber;
import org.switchboard.core.port.TariffChangeTerms;
import org.switchboard.core.time.Clock;

/**
 * The subscriber portal's API, {@code /api/v1/portal/...}: sign-in with the number and a password or a code sent by SMS,
 * then the subscriber's own account only (nothing here takes a number or an id of theirs: it all comes from the
 * session). The session cookie ({@value #COOKIE}) is HttpOnly and SameSite=Strict; every change also sends the
 * session's CSRF token ({@link Auth#CSRF_HEADER}). Account changes go through the registry (transactional, audited,
 * the subscriber and the portal named as the actor), and each thing the subscriber does is a self-service session
 * for the deflection report (channel {@code portal}).
 */
final class PortalRoutes {

    static final String COOKIE = "sb_portal";
    private static final String BASE = "/api/v1/portal";
    private static final Logger LOG = LoggerFactory.getLogger(PortalRoutes.class);
    private static final Pattern MSISDN = Pattern.compile("\\+[0-9]{10,15}");
    /** What a subscriber reads of their contacts: when, how, where it stands, and the outcome the operator recorded. */
    private static final java.util.Set<String> SUBSCRIBER_SEES =
            java.util.Set.of("id", "channel", "createdAt", "endedAt", "state", "disposition", "dueAt");

    private final PortalAccounts accounts;
    private final Supplier<ServiceMessages> messages;
    private final Supplier<MailNotices> mailNotices;
    private final EmailConfirmations confirmations = new EmailConfirmations();
    private final WebStores stores;
    private final JsonBodies bodies;
    private final AuditTrail audit;
    private final CenterGateway center;
    private final PasswordCheckGate passwordChecks;
    private final ZoneId zone;
    private final Clock clock;

    PortalRoutes(
            PortalAccounts accounts,
            Supplier<ServiceMessages> messages,
            Supplier<MailNotices> mailNotices,
            WebStores stores,
            JsonBodies bodies,
            AuditTrail audit,
            CenterGateway center,
            PasswordCheckGate passwordChecks,
            ZoneId zone,
            Clock clock) {
        this.accounts = accounts;
        this.passwordChecks = passwordChecks;
        this.messages = messages;
        this.mailNotices = mailNotices;
        this.stores = stores;
        this.bodies = bodies;
        this.audit = audit;
        this.center = center;
        this.zone = zone;
        this.clock = clock;
    }

    record CodeRequest(@Nullable String msisdn) {}

    record SignInRequest(
            @Nullable String msisdn,
            @Nullable String password,
            @Nullable String code) {}

    record TariffRequest(@Nullable String tariff) {}

    record ServiceRequest(
            @Nullable String service, @Nullable Boolean connected) {}

    record PasswordRequest(
            @Nullable String password, @Nullable String currentPassword) {}

    void register(RouteTable routes) {
        routes.post(BASE + "/code", this::sendCode);
        routes.post(BASE + "/session", this::signIn);
        routes.get(BASE + "/session", this::show);
        routes.delete(BASE + "/session", this::signOut);
        routes.get(BASE + "/account", this::account);
        routes.post(BASE + "/tariff", this::changeTariff);
        routes.post(BASE + "/services", this::setService);
        routes.get(BASE + "/usage", this::usage);
        routes.get(BASE + "/contacts", this::contacts);
        routes.put(BASE + "/password", this::setPassword);
        routes.put(BASE + "/email", this::setEmail);
        routes.post(BASE + "/email/confirm", this::confirmEmail);
    }

    private static String msisdn(@Nullable String text) {
        if (text == null || !MSISDN.matcher(text).matches()) {
            throw ApiException.badRequest("'msisdn' is the number in international form, such as +79120000001");
        }
        return text;
    }

    private void sendCode(Context ctx) {
        SessionRoutes.refuseOtherSites(ctx);
        String msisdn = msisdn(bodies.read(ctx, CodeRequest.class).msisdn());
        ServiceMessages sms = messages.get();
        if (sms == ServiceMessages.NONE) {
            throw new ApiException(503, "unavailable", "codes cannot be sent now: sign in with your password");
        }
        switch (accounts.requestCode(msisdn)) {
            case PortalAccounts.CodeRequest.Issued issued -> {
                Subscriber s = stores.subscribers().find(msisdn).orElse(null);
                String text = s != null && !"ru".equals(s.language())
                        ? "MOTIV portal code: " + issued.code() + ". Valid 5 minutes. Do not tell it to anyone."
                        : "Код для входа в МОТИВ: " + issued.code() + ". Действует 5 минут. Никому его не сообщайте.";
                if (!sms.send(msisdn, text)) {
                    LOG.warn("Portal: a sign-in code could not be sent");
                }
            }
            case PortalAccounts.CodeRequest.NotNow notNow -> {
                long seconds = Math.max(1, (notNow.retryAtMs() - clock.nowInMs() + 999) / 1000);
                ctx.header("Retry-After", String.valueOf(seconds));
                throw new ApiException(
                        429, "too_soon", "a code was sent a moment ago; ask for a new one in " + seconds + " s");
            }
            case PortalAccounts.CodeRequest.Withheld
                    withheld -> {} // answered as a sent code: numbers are not told apart
        }
        ctx.status(202).json(Map.of("sent", "if the number is a MOTIV line, a code is on its way by SMS"));
    }

    private void signIn(Context ctx) {
        SessionRoutes.refuseOtherSites(ctx);
        SignInRequest request = bodies.read(ctx, SignInRequest.class);
        String msisdn = msisdn(request.msisdn());
        String password = request.password();
        String code = request.code();
        SignIn result;
        if (password != null && code == null) {
            result = passwordChecks.check(ctx, () -> accounts.signInWithPassword(msisdn, password));
        } else if (code != null && password == null) {
            result = accounts.signInWithCode(msisdn, code);
        } else {
            throw ApiException.badRequest("send 'password' or 'code' (the one the SMS gave), one of the two");
        }
        switch (result) {
            case SignIn.Opened opened -> {
                auditPortal(
                        msisdn,
                        "portal.sign-in",
                        (password != null ? "with the password" : "with a code sent by SMS") + from(ctx));
                sendSession(ctx, opened.sessionId(), opened.session());
            }
            case SignIn.Refused refused ->
                throw new ApiException(401, "sign_in_failed", "the number, the password or the code is wrong");
            case SignIn.Locked locked -> {
                auditLock(ctx, msisdn, locked.justLocked());
                throw locked(ctx, locked.untilMs());
            }
            case SignIn.Busy busy -> throw busy(ctx);
        }
    }

    /** A subscriber's number locked just now by wrong passwords or codes: once per lock, as staff lockouts are. */
    private void auditLock(Context ctx, String msisdn, boolean justLocked) {
        if (justLocked) {
            auditPortal(
                    msisdn,
                    "portal.locked",
                    "locked for 15 minutes after 5 wrong passwords or codes in a row" + from(ctx));
        }
    }

    /** Where a sign-in came from, for the audit: the client as {@link ClientAddress} sees it. */
    private String from(Context ctx) {
        return ", from " + passwordChecks.clientOf(ctx);
    }

    private void auditPortal(String msisdn, String action, String detail) {
        audit.log()
                .record(new org.switchboard.core.port.AuditRecord(
                        clock.nowInMs(), msisdn + " (portal)", action, msisdn, detail));
    }

    private ApiException locked(Context ctx, long untilMs) {
        long minutes = Math.max(1, (untilMs - clock.nowInMs() + 59_999) / 60_000);
        ctx.header("Retry-After", String.valueOf(minutes * 60));
        return new ApiException(
                429,
                "locked",
                "Too many wrong tries: this number is locked for " + minutes
                        + (minutes == 1 ? " more minute." : " more minutes."));
    }

    private static ApiException busy(Context ctx) {
        ctx.header("Retry-After", "1");
        return new ApiException(503, "busy", "too many password checks at once; try again in a second");
    }

    private Map<String, Object> describe(PortalSession session) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("msisdn", session.msisdn());
        body.put("csrfToken", session.csrfToken());
        body.put("expiresAt", EventJson.iso(session.expiresAtMs()));
        body.put("currentPasswordRequired", session.currentPasswordRequired(clock.nowInMs()));
        return body;
    }

    private void show(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.json(describe(session(ctx)));
    }

    private void signOut(Context ctx) {
        changing(ctx);
        accounts.signOut(cookieOf(ctx));
        ctx.header("Set-Cookie", cookie(ctx, "", 0));
        ctx.status(204);
    }

    private PortalSession session(Context ctx) {
        return session(accounts, ctx);
    }

    /**
     * The session of one of this page's changes. They take no Idempotency-Key (the account keeps no replay): a repeat
     * is answered by what it finds, 409 when the account is already so.
     */
    private PortalSession changing(Context ctx) {
        PortalSession session = changing(accounts, ctx);
        Idempotency.refuseKey(ctx, "a repeat answers by what it finds (409 when the account is already so)");
        return session;
    }

    /** The signed-in subscriber's session, or 401. */
    static PortalSession session(PortalAccounts accounts, Context ctx) {
        return Optional.ofNullable(ctx.cookie(COOKIE))
                .flatMap(accounts::session)
                .orElseThrow(() -> ApiException.unauthorized("sign in to the portal first"));
    }

    /** The cookie of a request whose session {@link #session} found: it came with one. */
    private static String cookieOf(Context ctx) {
        return Objects.requireNonNull(ctx.cookie(COOKIE), "a signed-in request carries its session's cookie");
    }

    /** The session of a change: its CSRF token must come with it. */
    static PortalSession changing(PortalAccounts accounts, Context ctx) {
        PortalSession session = session(accounts, ctx);
        String sent = ctx.header(Auth.CSRF_HEADER);
        if (sent == null
                || !MessageDigest.isEqual(
                        sent.getBytes(StandardCharsets.UTF_8),
                        session.csrfToken().getBytes(StandardCharsets.UTF_8))) {
            throw ApiException.forbidden("a change sends the session's " + Auth.CSRF_HEADER);
        }
        return session;
    }

    private void account(Context ctx) {
        PortalSession session = session(ctx);
        Subscriber s = stores.subscribers()
                .find(session.msisdn())
                .orElseThrow(() -> ApiException.notFound("this number has no account any more"));
        Catalogue catalogue = stores.subscribers().catalogue();
        Map<String, Object> body = new LinkedHashMap<>(SubscriberRoutes.card(s));
        body.put("email", stores.emails().addressOf(s.msisdn()).orElse(null));
        body.put(
                "tariffs",
                catalogue.tariffs().stream()
                        .map(t -> {
                            Map<String, Object> m = AccountRoutes.tariff(t);
                            TariffChangeTerms terms = TariffChangeTerms.of(s, t);
                            m.put("current", t.name().equals(s.tariff()));
                            m.put("disconnects", terms.disconnected());
                            m.put("affordable", terms.affordableBy(s));
                            return m;
                        })
                        .toList());
        var tariff = catalogue.tariff(s.tariff());
        body.put(
                "catalogueServices",
                catalogue.services().stream()
                        .map(service -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("name", service.name());
                            m.put("description", service.description());
                            m.put("monthlyFeeMinor", service.monthlyFeeMinor());
                            m.put("currency", service.currency());
                            m.put("connected", s.services().contains(service.name()));
                            m.put(
                                    "allowed",
                                    tariff.map(t -> t.allows(service.name())).orElse(true));
                            return m;
                        })
                        .toList());
        ctx.header("Cache-Control", "no-store");
        ctx.json(body);
    }

    private void changeTariff(Context ctx) {
        PortalSession session = changing(ctx);
        String tariff = bodies.read(ctx, TariffRequest.class).tariff();
        if (tariff == null || tariff.isBlank() || tariff.length() > 100) {
            throw ApiException.badRequest("'tariff' is the name of a tariff the portal lists");
        }
        answer(
                ctx,
                session,
                "tariff-change",
                () -> stores.subscribers().changeTariff(session.msisdn(), tariff, actor(session)));
    }

    private void setService(Context ctx) {
        PortalSession session = changing(ctx);
        ServiceRequest request = bodies.read(ctx, ServiceRequest.class);
        String service = request.service();
        Boolean connected = request.connected();
        if (service == null || service.isBlank() || service.length() > 100 || connected == null) {
            throw ApiException.badRequest("send 'service' (a name the portal lists) and 'connected' (true or false)");
        }
        answer(
                ctx,
                session,
                "service-change",
                () -> stores.subscribers().setService(session.msisdn(), service, connected, actor(session)));
    }

    private AccountActor actor(PortalSession session) {
        return new AccountActor(session.msisdn() + " (portal)", null, clock.nowInMs());
    }

    private void answer(Context ctx, PortalSession session, String topic, Supplier<AccountChange> change) {
        AccountChange done = AccountRoutes.made(change);
        served(session, topic);
        ctx.json(SubscriberRoutes.card(done.after()));
    }

    /** One thing the subscriber did themselves, for the deflection report; its loss costs only a figure. */
    private void served(PortalSession session, String topic) {
        long now = clock.nowInMs();
        try {
            stores.selfService()
                    .record(new SelfServiceLog.Session(session.msisdn(), "portal", topic, now, now, "completed"));
        } catch (RuntimeException e) {
            LOG.warn("Portal: a self-service session was not recorded ({})", e.toString());
        }
    }

    private void usage(Context ctx) {
        PortalSession session = session(ctx);
        UsageRoutes.Statement statement = UsageRoutes.Statement.of(ctx, zone, clock);
        statement.answer(ctx, stores.usage(), session.msisdn());
        served(session, "usage");
    }

    private void contacts(Context ctx) {
        PortalSession session = session(ctx);
        List<Map<String, Object>> contacts = new ArrayList<>();
        for (UUID id : stores.history().contactsOf(session.msisdn(), 50)) {
            Map<String, Object> summary =
                    SubscriberContactRoutes.summary(center, id, stores.history().timeline(id));
            summary.keySet().retainAll(SUBSCRIBER_SEES); // not the operators' names, queues or internal reasons
            contacts.add(summary);
        }
        ctx.json(Map.of("contacts", contacts));
    }

    /**
     * The subscriber removes their address ({@code null}, at once) or asks to register one: a code goes to that address
     * and the address counts only once the code comes back ({@link #confirmEmail}). 202 while it waits.
     */
    private void setEmail(Context ctx) {
        PortalSession session = changing(ctx);
        String email =
                AccountRoutes.emailOf(bodies.read(ctx, EmailRequest.class).email());
        if (email == null) {
            AccountRoutes.registerEmail(() -> stores.emails().register(session.msisdn(), null, actor(session)));
            ctx.json(AccountRoutes.emailBody(session.msisdn(), null));
            return;
        }
        MailNotices mail = mailNotices.get();
        if (mail == MailNotices.NONE) {
            throw ApiException.unavailable("addresses cannot be confirmed now: the center does not send e-mail");
        }
        switch (confirmations.issue(session.msisdn(), email, clock.nowInMs())) {
            case EmailConfirmations.Issue.Issued issued -> {
                if (!mail.send(email, confirmationSubject(session), confirmationText(session, issued.code()))) {
                    confirmations.forget(session.msisdn());
                    throw ApiException.unavailable("the confirmation could not be sent now; try again later");
                }
                auditPortal(session.msisdn(), "portal.confirm-email", "a confirmation code was mailed to the address");
            }
            case EmailConfirmations.Issue.NotNow notNow -> {
                long seconds = Math.max(1, (notNow.retryAtMs() - clock.nowInMs() + 999) / 1000);
                ctx.header("Retry-After", String.valueOf(seconds));
                throw new ApiException(
                        429, "too_soon", "a code was sent a moment ago; ask for a new one in " + seconds + " s");
            }
        }
        Map<String, Object> body = AccountRoutes.emailBody(
                session.msisdn(), stores.emails().addressOf(session.msisdn()).orElse(null));
        body.put("confirming", email);
        ctx.status(202).json(body);
    }

    /** The code from the mail: the waiting address is registered (audited), or 400 / 409. */
    private void confirmEmail(Context ctx) {
        PortalSession session = changing(ctx);
        String code = bodies.read(ctx, ConfirmRequest.class).code();
        if (code == null || !code.strip().matches("[0-9]{6}")) {
            throw ApiException.badRequest("'code' is the 6 digits from the confirmation e-mail");
        }
        switch (confirmations.check(session.msisdn(), code.strip(), clock.nowInMs())) {
            case EmailConfirmations.Check.Confirmed confirmed -> {
                AccountRoutes.registerEmail(
                        () -> stores.emails().register(session.msisdn(), confirmed.email(), actor(session)));
                ctx.json(AccountRoutes.emailBody(session.msisdn(), confirmed.email()));
            }
            case EmailConfirmations.Check.Wrong wrong ->
                throw new ApiException(
                        400,
                        "wrong_code",
                        wrong.triesLeft() > 0
                                ? "the code is not right; " + wrong.triesLeft() + " tries left"
                                : "the code is not right; ask for a new one");
            case EmailConfirmations.Check.NothingWaiting nothing ->
                throw ApiException.conflict(
                        "no address is waiting for confirmation (codes last 15 minutes); ask for a new code");
        }
    }

    private String confirmationSubject(PortalSession session) {
        return russian(session) ? "МОТИВ: подтверждение адреса" : "MOTIV: confirm your address";
    }

    private String confirmationText(PortalSession session, String code) {
        String number = session.msisdn();
        return russian(session)
                ? "Здравствуйте!\n\nВ личном кабинете МОТИВ номера " + number + " этот адрес указан для писем в центр "
                        + "поддержки. Чтобы подтвердить его, введите код: " + code + "\n\nКод действует 15 минут. "
                        + "Если вы этого не делали, просто не отвечайте: адрес не будет привязан.\n"
                : "Hello,\n\nin the MOTIV portal of the number " + number + " this address was given for mail to our "
                        + "support center. To confirm it, enter the code: " + code
                        + "\n\nThe code is valid 15 minutes. "
                        + "If this was not you, ignore this message: the address will not be linked.\n";
    }

    private boolean russian(PortalSession session) {
        return stores.subscribers()
                .find(session.msisdn())
                .map(s -> !"en".equals(s.language()))
                .orElse(true);
    }

    /** The code a subscriber types to confirm the address. */
    record ConfirmRequest(@Nullable String code) {}

    /** The address a subscriber registers in the portal (null removes it). */
    record EmailRequest(@Nullable String email) {}

    private void setPassword(Context ctx) {
        PortalSession session = changing(ctx);
        PasswordRequest request = bodies.read(ctx, PasswordRequest.class);
        String password = request.password();
        if (password == null) { // refused as the accounts refuse a password of the wrong length
            throw ApiException.badRequest("a password has " + PortalAccounts.MIN_PASSWORD_LENGTH + " to "
                    + PortalAccounts.MAX_PASSWORD_LENGTH + " characters");
        }
        if (request.currentPassword() != null && request.currentPassword().isBlank()) { // not a try: nothing typed
            throw ApiException.badRequest("'currentPassword' is empty: enter your current password");
        }
        PasswordChange change;
        try {
            change = passwordChecks.check(
                    ctx, () -> accounts.changePassword(cookieOf(ctx), request.currentPassword(), password));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(ApiErrors.messageOr(e, "the password is refused"));
        }
        PasswordChange.Changed renewed = switch (change) {
            case PasswordChange.Changed changed -> changed;
            case PasswordChange.CurrentPasswordNeeded needed ->
                throw new ApiException(
                        400,
                        "current_password_needed",
                        "Enter your current password (currentPassword). Forgot it? Sign in with a code sent by SMS:"
                                + " for " + PortalAccounts.RESET_WINDOW_MS / 60_000
                                + " minutes after that, a new password needs no old one.");
            case PasswordChange.Refused refused -> {
                auditPortal(
                        session.msisdn(),
                        "portal.set-password",
                        "refused: the current password given was wrong" + from(ctx));
                throw new ApiException(403, "wrong_password", "the current password is wrong");
            }
            case PasswordChange.Locked locked -> { // this session ended with the lock
                auditLock(ctx, session.msisdn(), locked.justLocked());
                ctx.header("Set-Cookie", cookie(ctx, "", 0));
                throw locked(ctx, locked.untilMs());
            }
            case PasswordChange.Busy busy -> throw busy(ctx);
            case PasswordChange.SessionEnded ended -> throw ApiException.unauthorized("sign in to the portal first");
        };
        auditPortal(
                session.msisdn(),
                "portal.set-password",
                request.currentPassword() != null ? "changed" : "reset after a code sent by SMS");
        sendSession(ctx, renewed.sessionId(), renewed.session()); // the old cookie and CSRF token went with the change
    }

    /** A session opened or renewed: its cookie, and its description with the CSRF token the pages send back. */
    private void sendSession(Context ctx, String sessionId, PortalSession session) {
        ctx.header("Set-Cookie", cookie(ctx, sessionId, session.expiresAtMs()));
        ctx.header("Cache-Control", "no-store");
        ctx.json(describe(session));
    }

    private String cookie(Context ctx, String value, long expiresAtMs) {
        long maxAge = value.isEmpty() ? 0 : Math.max(0, (expiresAtMs - clock.nowInMs()) / 1000);
        return SessionRoutes.sessionCookie(ctx, COOKIE, value, maxAge);
    }
}
