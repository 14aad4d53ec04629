package org.switchboard.web;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.message.RequestKey;
import org.switchboard.core.model.ContactIds;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.Role;
import org.switchboard.core.time.Clock;

/**
 * {@code /api/v1/contacts/{id}/messages}: the conversation of a text contact. A channel posts what the subscriber
 * wrote ({@code in}); an agent answers a contact it holds and staff any live one ({@code out}), which the engine
 * records as a {@code MessageSent} event for the contact's channel adapter to deliver: the web never calls an
 * adapter. Reading lists the messages of the contact and of those it continues, oldest first.
 */
final class MessageRoutes {

    private static final String MESSAGES = "/api/v1/contacts/{id}/messages";

    private final Auth auth;
    private final CenterGateway center;
    private final JsonBodies bodies;
    private final ContactDetails details;
    private final Clock clock;
    private final ReadLane historyReads;

    MessageRoutes(
            Auth auth,
            CenterGateway center,
            JsonBodies bodies,
            ContactDetails details,
            Clock clock,
            ReadLane historyReads) {
        this.auth = auth;
        this.center = center;
        this.bodies = bodies;
        this.details = details;
        this.clock = clock;
        this.historyReads = historyReads;
    }

    void register(RouteTable routes) {
        routes.get(MESSAGES, this::list);
        routes.post(MESSAGES, this::post);
    }

    private void list(Context ctx) {
        Principal viewer = auth.require(ctx, Auth.CENTER_ROLES);
        UUID id = ContactRoutes.contactId(ctx);
        historyReads.json(ctx, () -> details.conversation(id, viewer));
    }

    private void post(Context ctx) {
        Principal principal = auth.require(ctx, Auth.CENTER_ROLES);
        UUID id = ContactRoutes.contactId(ctx);
        RequestKey key = Idempotency.keyOf(ctx, principal);
        // a repeat under the same key must answer with the id the first made: derive it from the key
        UUID messageId = key == null
                ? ContactIds.next(clock.nowInMs())
                : UUID.nameUUIDFromBytes(("message:" + key.scope() + "\n" + key.key())
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Command command;
        if (principal.role() == Role.CHANNEL) {
            command = bodies.read(ctx, ContactRoutes.InboundMessage.class).on(id, messageId);
        } else {
            ContactRoutes.InboundMessage answer = bodies.read(ctx, ContactRoutes.InboundMessage.class);
            if (answer.externalId() != null) {
                throw ApiException.badRequest(
                        "'externalId' is the channel's reference of a subscriber's message;" + " an answer has none");
            }
            command = new Command.SendMessage(
                    id, messageId, Auth.actingAgent(principal), principal.name(), requireText(answer.text()));
        }
        Outcome outcome = ContactRoutes.submitAbout(center, details, principal, ctx, command);
        Idempotency.replied(ctx, outcome).status(201).json(reply(messageId, principal, command, outcome));
    }

    private static Map<String, Object> reply(UUID messageId, Principal principal, Command command, Outcome outcome) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", messageId.toString());
        body.put("direction", principal.role() == Role.CHANNEL ? "in" : "out");
        body.put(
                "text",
                command instanceof Command.SendMessage send ? send.text() : ((Command.ReceiveMessage) command).text());
        body.put("contact", ContactRoutes.ContactReplies.of(CenterGateway.contactOf(outcome)));
        return body;
    }

    /**
     * A message's text: 1 to {@value Command.ReceiveMessage#MAX_MESSAGE} characters, not only blanks and invisible
     * format characters (zero-width spaces, direction marks). Returns it.
     */
    static String requireText(@Nullable String text) {
        if (text == null
                || text.length() > Command.ReceiveMessage.MAX_MESSAGE
                || text.codePoints()
                        .allMatch(c -> Character.isWhitespace(c)
                                || Character.isSpaceChar(c)
                                || Character.getType(c) == Character.FORMAT)) {
            throw ApiException.badRequest(
                    "'text' is required: the message, 1 to " + Command.ReceiveMessage.MAX_MESSAGE + " characters");
        }
        return text;
    }
}
