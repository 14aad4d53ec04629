package org.switchboard.core.message;

import java.util.Map;
import java.util.UUID;
import org.switchboard.core.model.AgentConfig;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.Presence;
import org.switchboard.core.model.QueueConfig;

/**
 * Everything the outside world can ask of the routing engine. Channel adapters and the web turn protocol traffic
 * into these records; the runtime journals each one before its effect is acknowledged, so the journal replays
 * into the same state. Ids of new contacts are chosen by the sender (time-ordered UUIDs, see
 * {@link org.switchboard.core.model.ContactIds}), which keeps replay deterministic and ids unique across nodes.
 *
 * <p>A field named {@code actingAgentId} is the agent on whose behalf the command is sent, or {@code null} for a
 * supervisor, administrator or channel; when set, the engine refuses to touch another agent's contact.
 */
public sealed interface Command {

    /** Creates a queue, or replaces its configuration; waiting contacts keep their places. */
    record DefineQueue(QueueConfig queue) implements Command {}

    /** Creates an agent, or replaces its skills and capacity. */
    record DefineAgent(AgentConfig agent) implements Command {}

    /** The agent logs in, goes ready, takes a break ({@code NOT_READY} with a reason) or logs out. */
    record ChangePresence(String agentId, Presence presence, String reason) implements Command {}

    /**
     * A subscriber reaches the center. With {@code scheduledAtMs} set the contact is a callback that waits for
     * that time before it queues.
     */
    record RegisterContact(UUID contactId, Channel channel, String from, String subscriberId, String queueId,
                           int priority, Map<String, String> attributes, Long scheduledAtMs) implements Command {}

    /** The offered agent takes the contact. */
    record AcceptOffer(UUID contactId, String agentId) implements Command {}

    /** The offered agent declines; the contact returns to its place and the agent goes NOT_READY. */
    record RejectOffer(UUID contactId, String agentId) implements Command {}

    /**
     * The conversation is over (from CONNECTED: starts wrap-up) or the after-contact work is done (from WRAP_UP:
     * completes). The disposition is the outcome code the agent records.
     */
    record CompleteContact(UUID contactId, String actingAgentId, String disposition) implements Command {}

    /** The subscriber left (hung up while waiting or ringing, or closed the chat). */
    record AbandonContact(UUID contactId, String reason) implements Command {}

    /** Hands the contact to another queue; a successor contact with id {@code successorId} carries on. */
    record TransferContact(UUID contactId, UUID successorId, String toQueueId, String actingAgentId, String reason)
            implements Command {}

    /**
     * Converts a waiting contact into a callback to {@code number}. Without {@code atMs} the callback keeps the
     * contact's place in line; with it, the callback queues at that time.
     */
    record RequestCallback(UUID contactId, UUID callbackId, String number, Long atMs) implements Command {}

    /** The channel could not reach the subscriber of a callback; it is tried again later or given up. */
    record ReportDialOutFailure(UUID contactId, String reason) implements Command {}

    /**
     * Journaled first after every start: sessions did not survive, so agents are logged out and every contact
     * that was offered or connected goes back to its place in line.
     */
    record Recover() implements Command {}
}
