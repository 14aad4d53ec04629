package org.switchboard.web;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.message.RequestKey;
import org.switchboard.core.model.CallControl;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactIds;
import org.switchboard.core.model.Ids;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.ReasonCodes;
import org.switchboard.core.port.Role;
import org.switchboard.core.time.Clock;

/**
 * {@code /api/v1/contacts}: channels (and staff) register contacts; agents accept, reject and complete their own;
 * staff may act on any; a channel reports that an agent's device answered ({@code connect}) and that the
 * conversation is over ({@code end-conversation}). Every action answers with the contact as the engine left it (state, place in line, agent),
 * straight from the command's reply, or with the engine's refusal (nothing changed). An agent's commands carry its
 * id, so the engine refuses another agent's contact. Every creating or state-changing request may carry an
 * {@code Idempotency-Key}: a repeat gets the first answer (with {@code Idempotent-Replayed: true}) and changes
 * nothing.
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
    private final ReadLane historyReads;
    private final AuditTrail audit;
    private final ReasonCodes reasons;

    ContactRoutes(
            Auth auth,
            CenterGateway center,
            JsonBodies bodies,
            ContactDetails details,
            Clock clock,
            ReadLane historyReads,
            AuditTrail audit,
            ReasonCodes reasons) {
        this.auth = auth;
        this.center = center;
        this.bodies = bodies;
        this.details = details;
        this.clock = clock;
        this.historyReads = historyReads;
        this.audit = audit;
        this.reasons = reasons;
    }

    void register(RouteTable routes) {
        routes.post(CONTACTS, this::create);
        routes.get(CONTACTS + "/{id}", this::show);
        routes.post(CONTACTS + "/{id}/accept", this::accept);
        routes.post(CONTACTS + "/{id}/reject", this::reject);
        routes.post(CONTACTS + "/{id}/complete", this::complete);
        routes.post(CONTACTS + "/{id}/notes", this::note);
        routes.post(CONTACTS + "/{id}/abandon", this::abandon);
        routes.post(CONTACTS + "/{id}/transfer", this::transfer);
        routes.post(CONTACTS + "/{id}/priority", this::priority);
        routes.post(CONTACTS + "/{id}/call", this::controlCall);
        routes.post(CONTACTS + "/{id}/consult", this::consult);
        routes.post(CONTACTS + "/{id}/end-consultation", this::endConsultation);
        routes.post(CONTACTS + "/{id}/arrange-callback", this::arrangeCallback);
        routes.post(CONTACTS + "/{id}/callback", this::callback);
        routes.post(CONTACTS + "/{id}/dial-failed", this::dialFailed);
        routes.post(CONTACTS + "/{id}/connect", this::connect);
        routes.post(CONTACTS + "/{id}/end-conversation", this::endConversation);
    }

    private void create(Context ctx) {
        Principal principal = auth.require(ctx, INTAKE);
        ContactRequest request = bodies.read(ctx, ContactRequest.class);
        RequestKey key = Idempotency.keyOf(ctx, principal);
        String chosen = request.id();
        UUID id = chosen != null ? ContactRequest.chosenId(chosen) : ContactIds.next(clock.nowInMs());
        Command.RegisterContact register = request.toCommand(id);
        InboundMessage message = request.message();
        Command command = message == null ? register : message.opening(register, ContactIds.next(clock.nowInMs()));
        Outcome outcome = center.submit(command, key);
        Outcome.ContactStatus contact = CenterGateway.contactOf(outcome);
        Idempotency.replied(ctx, outcome)
                .status(201)
                .header("Location", CONTACTS + "/" + contact.id())
                .json(ContactReplies.of(contact));
    }

    /** The contact with its timeline, read from the database and made into JSON on the history lane. */
    private void show(Context ctx) {
        Principal viewer = auth.require(ctx, Auth.CENTER_ROLES);
        UUID id = contactId(ctx);
        historyReads.json(ctx, () -> details.describe(id, viewer));
    }

    private void accept(Context ctx) {
        Principal principal = auth.require(ctx, HANDLERS);
        UUID id = contactId(ctx);
        AgentBody body = bodies.readOptional(ctx, AgentBody.class, AgentBody.NONE);
        act(ctx, principal, new Command.AcceptOffer(id, agentFor(principal, body.agent())));
    }

    private void reject(Context ctx) {
        Principal principal = auth.require(ctx, HANDLERS);
        UUID id = contactId(ctx);
        AgentBody body = bodies.readOptional(ctx, AgentBody.class, AgentBody.NONE);
        act(ctx, principal, new Command.RejectOffer(id, agentFor(principal, body.agent())));
    }

    private void complete(Context ctx) {
        Principal principal = auth.require(ctx, HANDLERS);
        UUID id = contactId(ctx);
        CompleteBody body = bodies.readOptional(ctx, CompleteBody.class, CompleteBody.NONE);
        ReasonRoutes.requireAllowed(reasons, principal, ReasonCodes.Kind.DISPOSITION, body.disposition());
        act(ctx, principal, new Command.CompleteContact(id, Auth.actingAgent(principal), body.disposition()));
    }

    /** A note in the contact's timeline, by an agent on a contact it holds or by staff on any live contact. */
    private void note(Context ctx) {
        Principal principal = auth.require(ctx, HANDLERS);
        UUID id = contactId(ctx);
        String text = bodies.read(ctx, NoteBody.class).text();
        if (text == null || text.isBlank() || text.length() > Command.NoteContact.MAX_NOTE) {
            throw ApiException.badRequest(
                    "'text' is required: the note, 1 to " + Command.NoteContact.MAX_NOTE + " characters");
        }
        act(ctx, principal, new Command.NoteContact(id, Auth.actingAgent(principal), principal.name(), text));
    }

    private void abandon(Context ctx) {
        Principal principal = auth.require(ctx, INTAKE);
        UUID id = contactId(ctx);
        ReasonBody body = bodies.readOptional(ctx, ReasonBody.class, ReasonBody.NONE);
        act(ctx, principal, new Command.AbandonContact(id, body.reason()));
    }

    private void transfer(Context ctx) {
        Principal principal = auth.require(ctx, Auth.CENTER_ROLES);
        UUID id = contactId(ctx);
        TransferBody body = bodies.read(ctx, TransferBody.class);
        if (body.queue() == null && body.agent() == null) {
            throw ApiException.badRequest("'queue' or 'agent' is required: the queue or the colleague to transfer to");
        }
        if (body.queue() != null) {
            Ids.require("queue", body.queue());
        }
        if (body.agent() != null) {
            Ids.require("agent", body.agent());
        }
        UUID successorId = ContactIds.next(clock.nowInMs());
        Outcome outcome = submit(
                principal,
                ctx,
                new Command.TransferContact(
                        id, successorId, body.queue(), body.agent(), Auth.actingAgent(principal), body.reason()));
        if (principal.role() == Role.SUPERVISOR || principal.role() == Role.ADMIN) {
            audit.recordApplied(outcome, principal, "contact.move", id.toString(), body.describeTarget());
        }
        Map<String, Object> answer = ContactReplies.of(CenterGateway.contactOf(outcome));
        Outcome.ContactStatus successor = CenterGateway.successorOf(outcome);
        answer.put("successorId", successor.id().toString());
        answer.put("successor", ContactReplies.of(successor));
        Idempotency.replied(ctx, outcome).json(answer);
    }

    /** A supervisor moves a waiting contact ahead (or back) in its line by its priority; audited. */
    private void priority(Context ctx) {
        Principal principal = auth.require(ctx, Role.SUPERVISOR, Role.ADMIN);
        UUID id = contactId(ctx);
        Integer priority = bodies.read(ctx, PriorityBody.class).priority();
        if (priority == null || priority < 0 || priority > Command.RegisterContact.MAX_PRIORITY) {
            throw ApiException.badRequest(
                    "'priority' is required: 0 to " + Command.RegisterContact.MAX_PRIORITY + ", higher goes first");
        }
        Outcome outcome = submit(principal, ctx, new Command.ChangePriority(id, priority));
        audit.recordApplied(outcome, principal, "contact.priority", id.toString(), "priority " + priority);
        Idempotency.replied(ctx, outcome).json(ContactReplies.of(CenterGateway.contactOf(outcome)));
    }

    /** Hold, resume, mute or unmute the connected call: the voice channel acts on the event. */
    private void controlCall(Context ctx) {
        Principal principal = auth.require(ctx, HANDLERS);
        UUID id = contactId(ctx);
        String word = bodies.read(ctx, CallBody.class).control();
        CallControl control = word == null
                ? null
                : switch (word) {
                    case "hold" -> CallControl.HOLD;
                    case "resume" -> CallControl.RESUME;
                    case "mute" -> CallControl.MUTE;
                    case "unmute" -> CallControl.UNMUTE;
                    default -> null;
                };
        if (word == null || control == null) {
            throw ApiException.badRequest("'control' is required: hold, resume, mute or unmute");
        }
        Outcome outcome = act(ctx, principal, new Command.ControlCall(id, Auth.actingAgent(principal), control));
        if (principal.role() != Role.AGENT) {
            audit.recordApplied(outcome, principal, "contact.call", id.toString(), word);
        }
    }

    /**
     * The agent asks a colleague, or anyone free in a queue, before handing the call over (a consultative transfer); the
     * voice channel holds the caller and rings the colleague. Completed with {@code /transfer} to that colleague.
     */
    private void consult(Context ctx) {
        Principal principal = auth.require(ctx, HANDLERS);
        UUID id = contactId(ctx);
        ConsultBody body = bodies.read(ctx, ConsultBody.class);
        if (body.agent() != null && body.queue() != null) {
            throw ApiException.badRequest(
                    "give 'agent' (the colleague to consult) or 'queue' (anyone free there), not both");
        }
        if (body.agent() == null && body.queue() == null) {
            throw ApiException.badRequest(
                    "'agent' (the colleague to consult) or 'queue' (anyone free there) is required");
        }
        String agent = body.agent() == null ? null : Ids.require("agent", body.agent());
        String queue = body.queue() == null ? null : Ids.require("queue", body.queue());
        Outcome outcome =
                act(ctx, principal, new Command.ConsultColleague(id, agent, queue, Auth.actingAgent(principal)));
        if (principal.role() != Role.AGENT) {
            audit.recordApplied(
                    outcome,
                    principal,
                    "contact.consult",
                    id.toString(),
                    agent != null ? "agent " + agent : "anyone free in " + queue);
        }
    }

    /** The agent takes the caller back from a consultation (or a channel says why the colleague cannot talk). */
    private void endConsultation(Context ctx) {
        Principal principal = auth.require(ctx, Role.ADMIN, Role.SUPERVISOR, Role.AGENT, Role.CHANNEL);
        UUID id = contactId(ctx);
        ReasonBody body = bodies.readOptional(ctx, ReasonBody.class, ReasonBody.NONE);
        Outcome outcome =
                act(ctx, principal, new Command.EndConsultation(id, Auth.actingAgent(principal), body.reason()));
        if (principal.role() == Role.SUPERVISOR || principal.role() == Role.ADMIN) {
            String reason = body.reason();
            audit.recordApplied(
                    outcome, principal, "contact.end-consultation", id.toString(), reason == null ? "" : reason);
        }
    }

    /** A callback at the time the subscriber chose, arranged while serving the contact, which goes on. */
    private void arrangeCallback(Context ctx) {
        Principal principal = auth.require(ctx, HANDLERS);
        UUID id = contactId(ctx);
        CallbackBody body = bodies.read(ctx, CallbackBody.class);
        Long atMs = epochMs("at", body.at());
        if (atMs == null) {
            throw ApiException.badRequest("'at' is required: when to call back, an ISO-8601 instant");
        }
        String number = body.number();
        if (number != null && !number.strip().matches("\\+?[0-9]{3,20}")) {
            throw ApiException.badRequest("'number' is a telephone number: 3 to 20 digits, a + before them if"
                    + " international; leave it out to call the contact's own number");
        }
        UUID callbackId = ContactIds.next(clock.nowInMs());
        Outcome outcome = submit(
                principal,
                ctx,
                new Command.ScheduleCallback(id, callbackId, Auth.actingAgent(principal), number, atMs));
        if (principal.role() != Role.AGENT) {
            audit.recordApplied(
                    outcome, principal, "contact.arrange-callback", id.toString(), "at " + EventJson.iso(atMs));
        }
        Map<String, Object> answer = ContactReplies.of(CenterGateway.contactOf(outcome));
        Outcome.ContactStatus callback = CenterGateway.successorOf(outcome);
        answer.put("callbackId", callback.id().toString()); // the first's, on a repeat
        answer.put("callback", ContactReplies.of(callback));
        Idempotency.replied(ctx, outcome).status(201).json(answer);
    }

    private void callback(Context ctx) {
        Principal principal = auth.require(ctx, INTAKE);
        UUID id = contactId(ctx);
        CallbackBody body = bodies.readOptional(ctx, CallbackBody.class, CallbackBody.NONE);
        UUID callbackId = ContactIds.next(clock.nowInMs());
        Outcome outcome = submit(
                principal, ctx, new Command.RequestCallback(id, callbackId, body.number(), epochMs("at", body.at())));
        Map<String, Object> answer = ContactReplies.of(CenterGateway.contactOf(outcome));
        Outcome.ContactStatus callback = CenterGateway.successorOf(outcome);
        answer.put("callbackId", callback.id().toString());
        answer.put("callback", ContactReplies.of(callback));
        Idempotency.replied(ctx, outcome).json(answer);
    }

    private void dialFailed(Context ctx) {
        Principal principal = auth.require(ctx, Role.ADMIN, Role.CHANNEL);
        UUID id = contactId(ctx);
        ReasonBody body = bodies.readOptional(ctx, ReasonBody.class, ReasonBody.NONE);
        Outcome outcome = act(ctx, principal, new Command.ReportDialOutFailure(id, body.reason()));
    }

    /** The channel's word that the offered agent's device answered. */
    private void connect(Context ctx) {
        Principal principal = auth.require(ctx, Role.ADMIN, Role.CHANNEL);
        UUID id = contactId(ctx);
        String agent = bodies.read(ctx, ConnectBody.class).agent();
        if (agent == null) {
            throw ApiException.badRequest("'agent' is required: the agent whose device answered");
        }
        act(ctx, principal, new Command.ConnectContact(id, agent));
    }

    /** The channel's word that the conversation is over (hung up, line lost). */
    private void endConversation(Context ctx) {
        Principal principal = auth.require(ctx, Role.ADMIN, Role.CHANNEL);
        UUID id = contactId(ctx);
        ReasonBody body = bodies.readOptional(ctx, ReasonBody.class, ReasonBody.NONE);
        act(ctx, principal, new Command.EndConversation(id, body.reason()));
    }

    /** Sends a command about one contact and answers with the contact as it stands after it. */
    /** Submits and answers with the contact as the command left it; returns the outcome (a repeat, perhaps). */
    private Outcome act(Context ctx, Principal principal, Command command) {
        Outcome outcome = submit(principal, ctx, command);
        Idempotency.replied(ctx, outcome).json(ContactReplies.of(CenterGateway.contactOf(outcome)));
        return outcome;
    }

    private Outcome submit(Principal principal, Context ctx, Command command) {
        return submitAbout(center, details, principal, ctx, command);
    }

    /** Submits; a contact the engine no longer holds is explained from its history (409 with its end state). */
    static Outcome submitAbout(
            CenterGateway center, ContactDetails details, Principal principal, Context ctx, Command command) {
        RequestKey key = Idempotency.keyOf(ctx, principal);
        try {
            return center.submit(command, key);
        } catch (ApiException refusal) {
            if (refusal.status() == 404) {
                throw details.explainEnded(CenterGateway.Commands.contactOf(command), principal, refusal);
            }
            throw refusal;
        }
    }

    /** An agent acts as itself (naming another is 403); staff may name the agent or leave it to the engine. */
    private static @Nullable String agentFor(Principal principal, @Nullable String named) {
        if (principal.role() != Role.AGENT) {
            return named;
        }
        if (named != null && !named.equals(principal.agentId())) {
            throw ApiException.forbidden("agent '" + principal.agentId() + "' may act only as itself");
        }
        return principal.agentId();
    }

    /** The path's contact id; one of another form is 404, as an unknown id is. */
    static UUID contactId(Context ctx) {
        String raw = ctx.pathParam("id");
        try {
            return ContactIds.parse(raw);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("no such contact: an id is a UUID of 36 characters, 8-4-4-4-12 hex digits");
        }
    }

    static @Nullable Long epochMs(String field, @Nullable String isoInstant) {
        if (isoInstant == null) {
            return null;
        }
        try {
            return Instant.parse(isoInstant).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw ApiException.badRequest("'" + field + "' must be an ISO-8601 instant like 2026-11-25T10:15:30Z");
        }
    }

    /** Letters drawn as nothing (Hangul fillers, the blank braille pattern), known from spoofed names. */
    private static final String BLANK_LETTERS = "\u115F\u1160\u3164\uFFA0\u2800";

    private static final long YEAR_2000_MS =
            Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
    private static final long YEAR_3000_MS =
            Instant.parse("3000-01-01T00:00:00Z").toEpochMilli();

    /** A new contact as a channel reports it; {@code id} lets the channel choose the contact's id (a UUID). */
    record ContactRequest(
            @Nullable String id,
            @Nullable String channel,
            @Nullable String from,
            @Nullable String queue,
            @Nullable Integer priority,
            @Nullable String subscriberId,
            @Nullable Map<String, String> attributes,
            @Nullable String scheduledAt,
            @Nullable InboundMessage message) {

        static UUID chosenId(String id) {
            try {
                return ContactIds.parse(id);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(
                        "'id' must be a UUID of 36 characters, e.g. 0192f7c4-5e6a-7b8c-9d0e-1f2a3b4c5d6e");
            }
        }

        Command.RegisterContact toCommand(UUID contactId) {
            if (channel == null || from == null || queue == null) {
                throw ApiException.badRequest("'channel', 'from' and 'queue' are required");
            }
            if (from.codePoints().anyMatch(ContactRequest::hidden)) {
                throw ApiException.badRequest("'from' must not contain control or invisible formatting characters"
                        + " (such as a right-to-left override, which would show an operator another address)");
            }
            Long scheduledAtMs = epochMs("scheduledAt", scheduledAt);
            if (scheduledAtMs != null && (scheduledAtMs < YEAR_2000_MS || scheduledAtMs >= YEAR_3000_MS)) {
                throw ApiException.badRequest(
                        "'scheduledAt' is not between the years 2000 and 2999 (as an instant: 2000-01-01T00:00Z up to 3000-01-01T00:00Z)");
            }
            return new Command.RegisterContact(
                    contactId,
                    Channel.parse(channel),
                    from,
                    subscriberId,
                    queue,
                    priority == null ? 0 : priority,
                    attributes,
                    scheduledAtMs);
        }

        /** Characters that show nothing or break the line: controls, formats, separators, private and unassigned. */
        private static boolean hidden(int codePoint) {
            return switch (Character.getType(codePoint)) {
                case Character.CONTROL,
                        Character.FORMAT,
                        Character.LINE_SEPARATOR,
                        Character.PARAGRAPH_SEPARATOR,
                        Character.PRIVATE_USE,
                        Character.SURROGATE,
                        Character.UNASSIGNED -> true;
                default -> BLANK_LETTERS.indexOf(codePoint) >= 0;
            };
        }
    }

    /**
     * A message from the subscriber, as a channel reports it: the first of a new text contact, or a further one on a
     * live contact. {@code externalId} is the channel's own reference (SMSC id, e-mail Message-ID).
     */
    record InboundMessage(@Nullable String text, @Nullable String externalId) {

        Command.OpenConversation opening(Command.RegisterContact contact, UUID messageId) {
            return new Command.OpenConversation(contact, messageId, MessageRoutes.requireText(text), externalId);
        }

        Command.ReceiveMessage on(UUID contactId, UUID messageId) {
            return new Command.ReceiveMessage(contactId, messageId, MessageRoutes.requireText(text), externalId);
        }
    }

    record AgentBody(@Nullable String agent) {
        static final AgentBody NONE = new AgentBody(null);
    }

    record ConnectBody(@Nullable String agent) {}

    record CompleteBody(@Nullable String disposition) {
        static final CompleteBody NONE = new CompleteBody(null);
    }

    record NoteBody(@Nullable String text) {}

    record ReasonBody(@Nullable String reason) {
        static final ReasonBody NONE = new ReasonBody(null);
    }

    record TransferBody(
            @Nullable String queue,
            @Nullable String agent,
            @Nullable String reason) {
        String describeTarget() {
            String toAgent = agent == null ? "" : "to agent " + agent;
            String toQueue = queue == null ? "" : "to queue " + queue;
            return agent != null && queue != null ? toAgent + " in " + queue : toAgent + toQueue;
        }
    }

    record PriorityBody(@Nullable Integer priority) {}

    record CallBody(@Nullable String control) {}

    record ConsultBody(@Nullable String agent, @Nullable String queue) {}

    record CallbackBody(@Nullable String number, @Nullable String at) {
        static final CallbackBody NONE = new CallbackBody(null, null);
    }

    /** How replies show a contact. */
    static final class ContactReplies {
        private ContactReplies() {}

        static Map<String, Object> of(Outcome.ContactStatus c) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", c.id().toString());
            body.put("state", c.state().name());
            body.put("queue", c.queueId());
            body.put("position", c.position());
            body.put("estimatedWaitSeconds", c.estimatedWaitSeconds());
            body.put("agent", c.agentId());
            body.put("disposition", c.disposition());
            body.put("open", c.open());
            body.put("opensAt", c.opensAtMs() == null ? null : EventJson.iso(c.opensAtMs()));
            return body;
        }
    }
}
