package org.switchboard.core.message;

import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.model.AgentStatus;
import org.switchboard.core.model.CallControl;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.model.MessageStatus;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.core.port.Role;

/**
 * What the routing engine tells the world. Adapters act on them (ring the agent, dial a callback), the web
 * pushes them to desktops and wallboards, projections count them. Every event names the engine time it happened
 * at, in epoch milliseconds.
 */
public sealed interface Event {

    long atMs();

    /** The agent the event names, or null: records with an {@code agentId} component answer with it. */
    default @Nullable String agentId() {
        return null;
    }

    /** Events about one contact; its timeline is the list of these. */
    sealed interface ContactEvent extends Event {
        UUID contactId();
    }

    /** A queue was created or reconfigured; {@code queue} is its configuration from now on. */
    record QueueDefined(String queueId, QueueConfig queue, long atMs) implements Event {}

    /** An agent was created or reconfigured; {@code newCredential} when it was also given a new access token. */
    record AgentDefined(String agentId, boolean newCredential, long atMs) implements Event {}

    /**
     * A user who is not an agent (administrator, supervisor, channel) was created or changed; {@code newCredential}
     * when it was given a new access token, which ends the sessions opened with the old one.
     */
    record UserDefined(String name, Role role, boolean newCredential, long atMs) implements Event {}

    /** The agent's displayed state changed. */
    record AgentStatusChanged(
            String agentId, AgentStatus status, @Nullable String reason, long atMs) implements Event {}

    /** Something supervisors must know now; see {@link Command.RaiseAlert}. */
    record AlertRaised(String kind, String subject, String detail, long atMs) implements Event {}

    /** A new contact; {@code parentId} names the contact it continues (transfer, callback), or is null. */
    record ContactCreated(
            UUID contactId,
            @Nullable UUID parentId,
            Channel channel,
            String from,
            @Nullable String subscriberId,
            String queueId,
            int priority,
            Map<String, String> attributes,
            long atMs)
            implements ContactEvent {}

    /** The contact waits for a callback time. */
    record ContactScheduled(UUID contactId, String queueId, long dueAtMs, long atMs) implements ContactEvent {}

    /** The contact entered its queue at {@code position} (1-based among its channel's contacts). */
    record ContactQueued(
            UUID contactId,
            String queueId,
            int position,
            @Nullable Long estimatedWaitSeconds,
            long atMs) implements ContactEvent {}

    /** The contact moved to a later routing step: more agents may take it now. */
    record ContactStepChanged(UUID contactId, String queueId, int step, long atMs) implements ContactEvent {}

    /** The contact is reserved for an agent, who must accept before {@code deadlineMs}. */
    record ContactOffered(UUID contactId, String queueId, String agentId, Channel channel, long deadlineMs, long atMs)
            implements ContactEvent {}

    /** An offer or a conversation was taken back; the contact waits again at its original place. */
    record ContactRequeued(UUID contactId, String queueId, String agentId, String reason, long atMs)
            implements ContactEvent {}

    /** A callback's turn came: the channel should dial {@code number} and connect it to {@code agentId}. */
    record DialOutRequested(UUID contactId, String agentId, String number, int attempt, long atMs)
            implements ContactEvent {}

    /** Agent and subscriber are connected. */
    record ContactConnected(UUID contactId, String queueId, String agentId, long atMs) implements ContactEvent {}

    /**
     * The conversation ended; after-contact work runs until {@code endsAtMs}. {@code reason} is the channel's account
     * of how it ended (the caller hung up...), or null when the agent completed it.
     */
    record ContactWrapUpStarted(
            UUID contactId,
            String agentId,
            @Nullable String disposition,
            @Nullable String reason,
            long endsAtMs,
            long atMs)
            implements ContactEvent {}

    /**
     * A waiting contact's priority changed; {@code position} is its place in line now (null while it is scheduled).
     */
    record ContactPriorityChanged(
            UUID contactId,
            String queueId,
            int priority,
            @Nullable Integer position,
            long atMs) implements ContactEvent {}

    /** The agent held, resumed, muted or unmuted the connected call; the voice channel acts on it. */
    record CallControlled(UUID contactId, String agentId, CallControl control, long atMs) implements ContactEvent {}

    /** An event about a consultation: it names the colleague consulted as well as the agent who asked. */
    sealed interface ConsultationEvent extends ContactEvent {
        String colleagueId();
    }

    /**
     * The agent serving the call asks colleague {@code colleagueId} first (a consultative transfer): the caller is held
     * and the voice channel rings the colleague's phone, whose voice slot is kept for it until the consultation ends.
     */
    record ConsultationStarted(UUID contactId, String agentId, String colleagueId, long atMs)
            implements ConsultationEvent {}

    /**
     * The consultation is over: {@code reason} is {@code completed} when the call was handed to the colleague,
     * {@code cancelled} (or the channel's word, e.g. the colleague's phone refused) when the agent takes the caller
     * back, or what ended the agent's part in the call. The colleague's voice slot is free again.
     */
    record ConsultationEnded(UUID contactId, String agentId, String colleagueId, String reason, long atMs)
            implements ConsultationEvent {
        /** The reason only a transfer to the consulted colleague gives; the engine never takes it from a client. */
        public static final String COMPLETED = "completed";
    }

    /** A check of the subscriber's code word during the contact: {@code verified} when the word was right. */
    record CodeWordChecked(
            UUID contactId,
            String subscriberId,
            @Nullable String agentId,
            String checkedBy,
            boolean verified,
            long atMs)
            implements ContactEvent {}

    /** A note on the contact, by {@code author} ({@code agentId} when an agent wrote it). */
    record ContactNoted(UUID contactId, @Nullable String agentId, String author, String text, long atMs)
            implements ContactEvent {}

    /**
     * The subscriber's message on a text contact. {@code agentId} is the agent the contact is offered to or held by
     * when it arrived (whose desk shows it), or null while it waits.
     */
    record MessageReceived(
            UUID contactId,
            UUID messageId,
            Channel channel,
            String from,
            String text,
            @Nullable String externalId,
            @Nullable String agentId,
            long atMs)
            implements ContactEvent {}

    /**
     * An answer to the subscriber, written by {@code author}: the contact's channel adapter delivers {@code text} to
     * {@code to} over {@code channel}. {@code agentId} is the agent holding the contact, or null.
     */
    record MessageSent(
            UUID contactId,
            UUID messageId,
            Channel channel,
            String to,
            String text,
            String author,
            @Nullable String agentId,
            long atMs)
            implements ContactEvent {}

    /**
     * The channel's report on an answer ({@link MessageSent} {@code messageId}): submitted, delivered or failed, with
     * the network's reference and, for a failure, why. {@code agentId} is the agent holding the contact, or null
     * (also once the contact ended: reports may come days later).
     */
    record MessageStatusChanged(
            UUID contactId,
            UUID messageId,
            MessageStatus status,
            @Nullable String externalId,
            @Nullable String detail,
            @Nullable String agentId,
            long atMs)
            implements ContactEvent {}

    /**
     * The contact reached its terminal state. {@code successorId} names the contact that carries on after a
     * transfer or callback conversion.
     */
    record ContactEnded(
            UUID contactId,
            String queueId,
            ContactState state,
            String reason,
            @Nullable String disposition,
            @Nullable String agentId,
            @Nullable UUID successorId,
            long atMs)
            implements ContactEvent {}
}
