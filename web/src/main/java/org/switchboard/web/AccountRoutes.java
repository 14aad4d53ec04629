package org.switchboard.web;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.port.AccountActor;
import org.switchboard.core.port.AccountChange;
import org.switchboard.core.port.AccountChangeRefused;
import org.switchboard.core.port.Catalogue;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.Role;
import org.switchboard.core.port.SubscriberEmails;
import org.switchboard.core.port.SubscriberRegistry;
import org.switchboard.core.time.Clock;

/**
 * The write side of a subscriber's account, for the operator serving one of their contacts: {@code GET
 * /api/v1/catalogue} (tariffs and services), {@code POST /api/v1/subscribers/{msisdn}/tariff} and {@code .../services}.
 * A change names the contact it is made for; it is refused with {@code 403 not_verified} unless that contact's
 * timeline holds a successful code-word check of this subscriber ({@link ServedContacts}), and an agent may act only
 * for a contact connected to it. The registry makes each change and its audit record (who, when, which contact,
 * before and after) in one transaction.
 */
final class AccountRoutes {

    private static final String SUBSCRIBER = "/api/v1/subscribers/{msisdn}";

    private final Auth auth;
    private final JsonBodies bodies;
    private final SubscriberRegistry subscribers;
    private final SubscriberEmails emails;
    private final ServedContacts served;
    private final AuditTrail audit;
    private final Clock clock;

    AccountRoutes(
            Auth auth,
            JsonBodies bodies,
            SubscriberRegistry subscribers,
            SubscriberEmails emails,
            ServedContacts served,
            AuditTrail audit,
            Clock clock) {
        this.auth = auth;
        this.bodies = bodies;
        this.subscribers = subscribers;
        this.emails = emails;
        this.served = served;
        this.audit = audit;
        this.clock = clock;
    }

    void register(RouteTable routes) {
        routes.get("/api/v1/catalogue", this::catalogue);
        routes.post(SUBSCRIBER + "/tariff", this::changeTariff);
        routes.post(SUBSCRIBER + "/services", this::setService);
        routes.post(SUBSCRIBER + "/email", this::setEmail);
    }

    /** The address a subscriber registers (null removes it), as clients send it. */
    record EmailRequest(@Nullable String email, @Nullable String contactId) {}

    /** A tariff change as clients send it. */
    record TariffRequest(@Nullable String tariff, @Nullable String contactId) {}

    /** A service switched on or off as clients send it. */
    record ServiceRequest(
            @Nullable String service,
            @Nullable Boolean connected,
            @Nullable String contactId) {}

    private void catalogue(Context ctx) {
        auth.require(ctx, Auth.CENTER_ROLES);
        Catalogue catalogue = subscribers.catalogue();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(
                "tariffs",
                catalogue.tariffs().stream().map(AccountRoutes::tariff).toList());
        body.put(
                "services",
                catalogue.services().stream()
                        .map(s -> item(s.name(), s.description(), s.monthlyFeeMinor(), s.currency()))
                        .toList());
        ctx.json(body);
    }

    private void changeTariff(Context ctx) {
        Principal actor = auth.require(ctx, Role.AGENT, Role.SUPERVISOR, Role.ADMIN);
        refuseIdempotencyKey(ctx);
        String msisdn = SubscriberRoutes.msisdn(ctx, actor, "subscriber.change-tariff", audit);
        TariffRequest request = bodies.read(ctx, TariffRequest.class);
        String tariff = required("tariff", request.tariff());
        UUID contactId = checked(actor, msisdn, request.contactId());
        answer(ctx, () -> subscribers.changeTariff(msisdn, tariff, actorOf(actor, contactId)));
    }

    private void setService(Context ctx) {
        Principal actor = auth.require(ctx, Role.AGENT, Role.SUPERVISOR, Role.ADMIN);
        refuseIdempotencyKey(ctx);
        String msisdn = SubscriberRoutes.msisdn(ctx, actor, "subscriber.set-service", audit);
        ServiceRequest request = bodies.read(ctx, ServiceRequest.class);
        String service = required("service", request.service());
        Boolean connected = request.connected();
        if (connected == null) {
            throw ApiException.badRequest("'connected' is required: true connects the service, false disconnects it");
        }
        UUID contactId = checked(actor, msisdn, request.contactId());
        answer(ctx, () -> subscribers.setService(msisdn, service, connected, actorOf(actor, contactId)));
    }

    /**
     * Registers the address the subscriber's mail is matched by ({@code null} removes it): for a verified contact, like
     * the other account changes, audited ({@code subscriber.set-email}). 409 when another subscriber registered it.
     */
    private void setEmail(Context ctx) {
        Principal actor = auth.require(ctx, Role.AGENT, Role.SUPERVISOR, Role.ADMIN);
        refuseIdempotencyKey(ctx);
        String msisdn = SubscriberRoutes.msisdn(ctx, actor, "subscriber.set-email", audit);
        EmailRequest request = bodies.read(ctx, EmailRequest.class);
        String email = emailOf(request.email());
        UUID contactId = checked(actor, msisdn, request.contactId());
        registerEmail(() -> emails.register(msisdn, email, actorOf(actor, contactId)));
        ctx.json(emailBody(msisdn, email));
    }

    /** The address as sent: null (remove) or a mailbox address; else 400. */
    static @Nullable String emailOf(@Nullable String email) {
        if (email == null) {
            return null;
        }
        return SubscriberEmails.normalized(email)
                .orElseThrow(() -> ApiException.badRequest("'email' is an address such as name@example.com (at most "
                        + SubscriberEmails.MAX_ADDRESS + " characters), or null to remove it"));
    }

    /** Makes the registration, or answers its refusal as the API does (desk and portal alike). */
    static void registerEmail(Runnable registration) {
        made(() -> {
            registration.run();
            return null;
        });
    }

    static Map<String, Object> emailBody(String msisdn, @Nullable String email) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("msisdn", msisdn);
        body.put("email", email);
        return body;
    }

    /** The contact the change is for, once it is served by {@code actor} and verified. */
    private UUID checked(Principal actor, String msisdn, @Nullable String rawContactId) {
        UUID contactId = ServedContacts.parse(rawContactId);
        served.requireServing(actor, contactId, msisdn);
        served.requireVerified(contactId, msisdn);
        return contactId;
    }

    private AccountActor actorOf(Principal actor, UUID contactId) {
        return new AccountActor(actor.name(), contactId, clock.nowInMs());
    }

    private static void answer(Context ctx, java.util.function.Supplier<AccountChange> change) {
        ctx.json(SubscriberRoutes.card(made(change).after()));
    }

    /** The change the registry made, or its refusal as the API answers it (desk and portal alike). */
    static AccountChange made(java.util.function.Supplier<AccountChange> change) {
        try {
            return change.get();
        } catch (AccountChangeRefused refused) {
            throw switch (refused.reason()) {
                case UNKNOWN_SUBSCRIBER -> ApiException.notFound(detailOf(refused));
                case NOT_IN_CATALOGUE -> ApiException.badRequest(detailOf(refused));
                case UNCHANGED, NOT_ALLOWED, INSUFFICIENT_BALANCE, TAKEN -> ApiException.conflict(detailOf(refused));
            };
        }
    }

    /** The registry's sentence for a refusal (it always gives one), else its reason. */
    private static String detailOf(AccountChangeRefused refused) {
        return ApiErrors.messageOr(refused, "the change was refused: " + refused.reason());
    }

    /**
     * These changes are not keyed: a repeat answers 409 (already so), which tells a client retrying after a timeout
     * that the change is made.
     */
    private static void refuseIdempotencyKey(Context ctx) {
        Idempotency.refuseKey(ctx, "a repeat answers 409 when the account is already so");
    }

    private static String required(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("'" + field + "' is required: a name from GET /api/v1/catalogue");
        }
        if (value.length() > 100) {
            throw ApiException.badRequest(
                    "'" + field + "' is a name from GET /api/v1/catalogue (at most 100 characters)");
        }
        return value;
    }

    /** A tariff with its rules: the fee for moving to it, and the services it allows (null: every one). */
    static Map<String, Object> tariff(org.switchboard.core.port.Tariff t) {
        Map<String, Object> item = item(t.name(), t.description(), t.monthlyFeeMinor(), t.currency());
        item.put("changeFee", java.math.BigDecimal.valueOf(t.changeFeeMinor(), 2));
        item.put("changeFeeMinor", t.changeFeeMinor());
        item.put("services", t.services());
        return item;
    }

    private static Map<String, Object> item(String name, String description, long feeMinor, String currency) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("name", name);
        item.put("description", description);
        item.put("monthlyFee", java.math.BigDecimal.valueOf(feeMinor, 2));
        item.put("monthlyFeeMinor", feeMinor);
        item.put("currency", currency);
        return item;
    }
}
