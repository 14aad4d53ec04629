package org.switchboard.web;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactIds;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.Role;
import org.switchboard.core.time.Clock;

/**
 * {@code /api/v1/contacts}: channels (and staff) register contacts; agents accept, reject and complete their own;
 * staff may act on any. Every action answers with the contact as it is after the action, or with the engine's
 * refusal (nothing changed). An agent's commands carry its id, so the engine refuses another agent's contact.
 */
final class ContactRoutes {

    private static final String CONTACTS = "/api/v1/contacts";
    private static final Role[] INTAKE = {Role.ADMIN, Role.SUPERVISOR, Role.CHANNEL};
    private static final Role[] HANDLERS = {Role.ADMIN, Role.SUPERVISOR, Role.AGENT};

    private final Auth auth;
    private final CenterGateway center;
    private final JsonBodies bodies;
    private final ContactDetails details;
    private final Clock clock;

    ContactRoutes(Auth auth, CenterGateway center, JsonBodies bodies, ContactDetails details, Clock clock) {
        this.auth = auth;
        this.center = center;
        this.bodies = bodies;
        this.details = details;
        this.clock = clock;
    }

    void register(RouteTable routes) {
        routes.post(CONTACTS, this::create);
        routes.get(CONTACTS + "/{id}", this::show);
        routes.post(CONTACTS + "/{id}/accept", this::accept);
        routes.post(CONTACTS + "/{id}/reject", this::reject);
        routes.post(CONTACTS + "/{id}/complete", this::complete);
        routes.post(CONTACTS + "/{id}/abandon", this::abandon);
        routes.post(CONTACTS + "/{id}/transfer", this::transfer);
        routes.post(CONTACTS + "/{id}/callback", this::callback);
        routes.post(CONTACTS + "/{id}/dial-failed", this::dialFailed);
    }

    private void create(Context ctx) {
        auth.require(ctx, INTAKE);
        ContactRequest request = bodies.read(ctx, ContactRequest.class);
        UUID id = ContactIds.next(clock.nowInMs());
        Outcome.Accepted accepted = center.submit(request.toCommand(id));
        Outcome.Placement placement = accepted.placement();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id.toString());
        body.put("state", placement.state());
        body.put("queue", request.queue());
        body.put("position", placement.position());
        body.put("estimatedWaitSeconds", placement.estimatedWaitSeconds());
        ctx.status(201).header("Location", CONTACTS + "/" + id).json(body);
    }

    private void show(Context ctx) {
        Principal viewer = auth.require(ctx, Role.values());
        ctx.json(details.describe(contactId(ctx), viewer));
    }

    private void accept(Context ctx) {
        Principal principal = auth.require(ctx, HANDLERS);
        UUID id = contactId(ctx);
        AgentBody body = bodies.readOptional(ctx, AgentBody.class, AgentBody.NONE);
        center.submit(new Command.AcceptOffer(id, agentFor(principal, body.agent())));
        ctx.json(details.describe(id, principal));
    }

    private void reject(Context ctx) {
        Principal principal = auth.require(ctx, HANDLERS);
        UUID id = contactId(ctx);
        AgentBody body = bodies.readOptional(ctx, AgentBody.class, AgentBody.NONE);
        center.submit(new Command.RejectOffer(id, agentFor(principal, body.agent())));
        ctx.json(details.describe(id, principal));
    }

    private void complete(Context ctx) {
        Principal principal = auth.require(ctx, HANDLERS);
        UUID id = contactId(ctx);
        CompleteBody body = bodies.readOptional(ctx, CompleteBody.class, CompleteBody.NONE);
        center.submit(new Command.CompleteContact(id, Auth.actingAgent(principal), body.disposition()));
        ctx.json(details.describe(id, principal));
    }

    private void abandon(Context ctx) {
        Principal principal = auth.require(ctx, INTAKE);
        UUID id = contactId(ctx);
        ReasonBody body = bodies.readOptional(ctx, ReasonBody.class, ReasonBody.NONE);
        center.submit(new Command.AbandonContact(id, body.reason()));
        ctx.json(details.describe(id, principal));
    }

    private void transfer(Context ctx) {
        Principal principal = auth.require(ctx, Role.values());
        UUID id = contactId(ctx);
        TransferBody body = bodies.read(ctx, TransferBody.class);
        if (body.queue() == null) {
            throw ApiException.badRequest("'queue' is required: the queue to transfer to");
        }
        UUID successorId = ContactIds.next(clock.nowInMs());
        center.submit(new Command.TransferContact(id, successorId, body.queue(), Auth.actingAgent(principal),
                body.reason()));
        Map<String, Object> answer = details.describe(id, principal);
        answer.put("successorId", successorId.toString());
        ctx.json(answer);
    }

    private void callback(Context ctx) {
        Principal principal = auth.require(ctx, INTAKE);
        UUID id = contactId(ctx);
        CallbackBody body = bodies.readOptional(ctx, CallbackBody.class, CallbackBody.NONE);
        UUID callbackId = ContactIds.next(clock.nowInMs());
        center.submit(new Command.RequestCallback(id, callbackId, body.number(), epochMs("at", body.at())));
        Map<String, Object> answer = details.describe(id, principal);
        answer.put("callbackId", callbackId.toString());
        ctx.json(answer);
    }

    private void dialFailed(Context ctx) {
        Principal principal = auth.require(ctx, Role.ADMIN, Role.CHANNEL);
        UUID id = contactId(ctx);
        ReasonBody body = bodies.readOptional(ctx, ReasonBody.class, ReasonBody.NONE);
        center.submit(new Command.ReportDialOutFailure(id, body.reason()));
        ctx.json(details.describe(id, principal));
    }

    /** An agent acts as itself (naming another is 403); staff may name the agent or leave it to the engine. */
    private static String agentFor(Principal principal, String named) {
        if (principal.role() != Role.AGENT) {
            return named;
        }
        if (named != null && !named.equals(principal.agentId())) {
            throw ApiException.forbidden("agent '" + principal.agentId() + "' may act only as itself");
        }
        return principal.agentId();
    }

    private static UUID contactId(Context ctx) {
        String raw = ctx.pathParam("id");
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("no contact '" + raw + "'");
        }
    }

    static Long epochMs(String field, String isoInstant) {
        if (isoInstant == null) {
            return null;
        }
        try {
            return Instant.parse(isoInstant).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("'" + field + "' must be an ISO-8601 instant like 2026-11-25T10:15:30Z");
        }
    }

    /** A new contact as a channel reports it. */
    record ContactRequest(String channel, String from, String queue, Integer priority, String subscriberId,
                          Map<String, String> attributes, String scheduledAt) {

        Command.RegisterContact toCommand(UUID id) {
            if (channel == null || from == null || queue == null) {
                throw ApiException.badRequest("'channel', 'from' and 'queue' are required");
            }
            return new Command.RegisterContact(id, Channel.parse(channel), from, subscriberId, queue,
                    priority == null ? 0 : priority, attributes, epochMs("scheduledAt", scheduledAt));
        }
    }

    record AgentBody(String agent) {
        static final AgentBody NONE = new AgentBody(null);
    }

    record CompleteBody(String disposition) {
        static final CompleteBody NONE = new CompleteBody(null);
    }

    record ReasonBody(String reason) {
        static final ReasonBody NONE = new ReasonBody(null);
    }

    record TransferBody(String queue, String reason) {}

    record CallbackBody(String number, String at) {
        static final CallbackBody NONE = new CallbackBody(null, null);
    }
}
