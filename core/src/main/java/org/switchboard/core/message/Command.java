package org.switchboard.core.message;

import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.model.AgentConfig;
import org.switchboard.core.model.CallControl;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.Ids;
import org.switchboard.core.model.InvalidValueException;
import org.switchboard.core.model.MessageStatus;
import org.switchboard.core.model.Presence;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.core.model.Skills;
import org.switchboard.core.port.Role;

/**
 * Everything the outside world can ask of the routing engine. Channel adapters and the web turn protocol traffic
 * into these records; the runtime journals each one before its effect is acknowledged, so the journal replays
 * into the same state. Ids of new contacts are chosen by the sender (time-ordered UUIDs, see
 * {@link org.switchboard.core.model.ContactIds}), which keeps replay deterministic and ids unique across nodes.
 *
 * <p>A record that could not be applied safely cannot be built: its constructor checks what is required and how
 * long texts may be, and throws {@link IllegalArgumentException} otherwise. Whether it can be carried out now (the
 * queue exists, the contact is offered to this agent...) is the engine's business, answered with a
 * {@link Rejection}.
 *
 * <p>A field named {@code actingAgentId} is the agent on whose behalf the command is sent, or {@code null} for a
 * supervisor, administrator or channel; when set, the engine refuses to touch another agent's contact.
 */
public sealed interface Command {

    /**
     * A command a channel adapter may send (through {@link org.switchboard.core.port.ChannelPort}, or the API's
     * {@code channel} role): register, abandon, transfer, convert into a callback, report a failed dial-out, and say
     * that an agent's device answered or that the conversation is over.
     */
    sealed interface FromChannel extends Command {}

    /** Creates a queue, or replaces its configuration; waiting contacts keep their places. */
    record DefineQueue(QueueConfig queue, DefinitionMode mode) implements Command {
        public DefineQueue {
            Checks.required("queue", queue);
            Checks.required("mode", mode);
        }

        public DefineQueue(QueueConfig queue) {
            this(queue, DefinitionMode.UPSERT);
        }
    }

    /**
     * Creates an agent, or replaces its skills and capacity; with a {@code credential}, also gives it a new access
     * token (replacing the previous one). An agent's id is a name in the one name space of agents and users; with
     * {@code caseInsensitive} (every command since names are, false in journals written before) a name that differs
     * from another only in case is taken too, as staff sign in by name whatever its case.
     */
    record DefineAgent(
            AgentConfig agent,
            DefinitionMode mode,
            @Nullable Credential credential,
            boolean caseInsensitive) implements Command {
        public DefineAgent {
            Checks.required("agent", agent);
            Checks.required("mode", mode);
        }

        public DefineAgent(AgentConfig agent, DefinitionMode mode, @Nullable Credential credential) {
            this(agent, mode, credential, true);
        }

        public DefineAgent(AgentConfig agent) {
            this(agent, DefinitionMode.UPSERT, null);
        }
    }

    /**
     * Gives an agent new skills (a supervisor's change from the wallboard), keeping its name, capacity and token; the
     * agent may serve other queues from now on, and contacts waiting there are offered to it at once.
     */
    record ChangeSkills(String agentId, Map<String, Integer> skills) implements Command {
        public ChangeSkills {
            Ids.require("agent", agentId);
            skills = Skills.requireProficiencies(Checks.required("skills", skills));
        }
    }

    /**
     * Creates or replaces a user of the API who is not an agent (administrator, supervisor, channel adapter); with
     * a {@code credential}, also gives it a new access token. {@code caseInsensitive} as in {@link DefineAgent}.
     */
    record DefineUser(
            String name,
            Role role,
            DefinitionMode mode,
            @Nullable Credential credential,
            boolean caseInsensitive) implements Command {
        public DefineUser {
            Ids.require("user", name);
            Checks.required("role", role);
            Checks.required("mode", mode);
            if (role == Role.AGENT) {
                throw new InvalidValueException("agents are defined with DefineAgent");
            }
        }

        public DefineUser(String name, Role role, DefinitionMode mode, @Nullable Credential credential) {
            this(name, role, mode, credential, true);
        }
    }

    /** The agent logs in, goes ready, takes a break ({@code NOT_READY} with a reason) or logs out. */
    record ChangePresence(
            String agentId, Presence presence, @Nullable String reason) implements Command {
        public ChangePresence {
            Checks.required("agentId", agentId);
            Checks.required("presence", presence);
            Checks.optional("reason", reason, Checks.MAX_TEXT);
        }
    }

    /**
     * A subscriber reaches the center. With {@code scheduledAtMs} set the contact is a callback that waits for
     * that time before it queues.
     */
    record RegisterContact(
            UUID contactId,
            Channel channel,
            String from,
            @Nullable String subscriberId,
            String queueId,
            int priority,
            @Nullable Map<String, String> attributes,
            @Nullable Long scheduledAtMs)
            implements FromChannel {
        public static final int MAX_PRIORITY = 1000;

        public RegisterContact {
            Checks.required("contactId", contactId);
            Checks.required("channel", channel);
            Checks.requiredText("from", from, 256);
            Checks.optional("subscriberId", subscriberId, 64);
            Checks.required("queueId", queueId);
            if (priority < 0 || priority > MAX_PRIORITY) {
                throw new InvalidValueException("priority must be 0.." + MAX_PRIORITY + ", was " + priority);
            }
            attributes = Checks.attributes(attributes);
        }
    }

    /** The offered agent takes the contact. */
    record AcceptOffer(UUID contactId, @Nullable String agentId) implements Command {
        public AcceptOffer {
            Checks.required("contactId", contactId);
        }
    }

    /**
     * The channel reports that the offered agent's device answered (a SIP phone's 200 OK): the agent takes the
     * contact, as with {@link AcceptOffer}. The channel names the agent whose device it rang; a repeat for a contact
     * this agent already has changes nothing.
     */
    record ConnectContact(UUID contactId, String agentId) implements FromChannel {
        public ConnectContact {
            Checks.required("contactId", contactId);
            Ids.require("agent", agentId);
        }
    }

    /**
     * The channel reports that the conversation is over (the caller or the agent hung up, the line dropped): the
     * connected contact goes to after-contact work, as when its agent completes it, with the reason recorded. A
     * repeat for a contact already in after-contact work changes nothing.
     */
    record EndConversation(UUID contactId, @Nullable String reason) implements FromChannel {
        public EndConversation {
            Checks.required("contactId", contactId);
            Checks.optional("reason", reason, Checks.MAX_TEXT);
        }
    }

    /** The offered agent declines; the contact returns to its place and the agent goes NOT_READY. */
    record RejectOffer(UUID contactId, @Nullable String agentId) implements Command {
        public RejectOffer {
            Checks.required("contactId", contactId);
        }
    }

    /**
     * The conversation is over (from CONNECTED: starts wrap-up) or the after-contact work is done (from WRAP_UP:
     * completes). The disposition is the outcome code the agent records.
     */
    record CompleteContact(
            UUID contactId,
            @Nullable String actingAgentId,
            @Nullable String disposition) implements Command {
        public CompleteContact {
            Checks.required("contactId", contactId);
            Checks.optional("disposition", disposition, 200);
        }
    }

    /**
     * The outcome of a check of {@code subscriberId}'s code word made while serving the contact, by {@code checkedBy}:
     * recorded in the contact's timeline, where account actions look for a successful one. An agent may record it
     * only for a contact it holds (connected or in wrap-up); staff ({@code actingAgentId} null) for any live one.
     */
    record RecordCodeWordCheck(
            UUID contactId, @Nullable String actingAgentId, String checkedBy, String subscriberId, boolean verified)
            implements Command {
        public RecordCodeWordCheck {
            Checks.required("contactId", contactId);
            Checks.requiredText("checkedBy", checkedBy, 200);
            Checks.requiredText("subscriberId", subscriberId, 64);
        }
    }

    /**
     * A note on the contact by {@code author}, kept in its timeline: what the operator learned or did. An agent notes
     * a contact it holds; staff ({@code actingAgentId} null) any live one.
     */
    record NoteContact(UUID contactId, @Nullable String actingAgentId, String author, String text) implements Command {
        public static final int MAX_NOTE = 4_000;

        public NoteContact {
            Checks.required("contactId", contactId);
            Checks.requiredText("author", author, 200);
            Checks.requiredText("text", text, MAX_NOTE);
        }
    }

    /**
     * The subscriber wrote on a live text contact: a further SMS, an e-mail in the thread, a line of chat. The
     * {@code messageId} is the sender's choice (time-ordered UUID); {@code externalId} is the channel's own reference
     * (SMSC message id, e-mail Message-ID), or null.
     */
    record ReceiveMessage(
            UUID contactId,
            UUID messageId,
            String text,
            @Nullable String externalId) implements FromChannel {
        public static final int MAX_MESSAGE = 16_000;

        public ReceiveMessage {
            Checks.required("contactId", contactId);
            Checks.required("messageId", messageId);
            Checks.requiredText("text", text, MAX_MESSAGE);
            Checks.optional("externalId", externalId, 998);
        }
    }

    /**
     * A text contact arrives with its first message: the contact is registered and the message received in one step,
     * so neither exists without the other. {@code parentId} names the closed contact this one continues (a reply to
     * an e-mail conversation that ended), or is null.
     */
    record OpenConversation(
            RegisterContact contact,
            UUID messageId,
            String text,
            @Nullable String externalId,
            @Nullable UUID parentId) implements FromChannel {
        public OpenConversation {
            Checks.required("contact", contact);
            Checks.required("messageId", messageId);
            Checks.requiredText("text", text, ReceiveMessage.MAX_MESSAGE);
            Checks.optional("externalId", externalId, 998);
        }

        /** A conversation that continues none. */
        public OpenConversation(RegisterContact contact, UUID messageId, String text, @Nullable String externalId) {
            this(contact, messageId, text, externalId, null);
        }
    }

    /**
     * The subscriber wrote to the center on a text channel (an SMS to the short number): the message continues the
     * subscriber's open conversation, the newest live contact of the same channel from the same sender, of the same
     * subscriber, that is not yet in wrap-up, or opens {@code contact} when there is none. The outcome names the contact that took it.
     */
    record ContinueConversation(
            RegisterContact contact,
            UUID messageId,
            String text,
            @Nullable String externalId) implements FromChannel {
        public ContinueConversation {
            Checks.required("contact", contact);
            Checks.required("messageId", messageId);
            Checks.requiredText("text", text, ReceiveMessage.MAX_MESSAGE);
            Checks.optional("externalId", externalId, 998);
        }
    }

    /**
     * The channel reports where an answer stands ({@link Event.MessageSent}): the network took it, delivered it or
     * gave up. Recorded in the contact's thread even after the contact ended; {@code externalId} is the network's
     * reference (the SMSC's message id), {@code detail} why it failed.
     */
    record ReportDelivery(
            UUID contactId,
            UUID messageId,
            MessageStatus status,
            @Nullable String externalId,
            @Nullable String detail) implements FromChannel {
        public ReportDelivery {
            Checks.required("contactId", contactId);
            Checks.required("messageId", messageId);
            Checks.required("status", status);
            Checks.optional("externalId", externalId, 998);
            Checks.optional("detail", detail, Checks.MAX_TEXT);
        }
    }

    /**
     * An answer to the subscriber on a text contact, written by {@code author}. The engine records it as
     * {@link Event.MessageSent}, which the contact's channel adapter delivers; nobody calls an adapter directly. An
     * agent answers a contact it holds; staff ({@code actingAgentId} null) any live one.
     */
    record SendMessage(
            UUID contactId, UUID messageId, @Nullable String actingAgentId, String author, String text)
            implements Command {
        public SendMessage {
            Checks.required("contactId", contactId);
            Checks.required("messageId", messageId);
            Checks.requiredText("author", author, 200);
            Checks.requiredText("text", text, ReceiveMessage.MAX_MESSAGE);
        }
    }

    /**
     * A supervisor raises (or lowers) the priority of a contact that waits: it moves ahead of the contacts of lower
     * priority in its line, keeping its arrival time, so aging goes on as before. A scheduled contact keeps the new
     * priority for when it queues.
     */
    record ChangePriority(UUID contactId, int priority) implements Command {
        public ChangePriority {
            Checks.required("contactId", contactId);
            if (priority < 0 || priority > RegisterContact.MAX_PRIORITY) {
                throw new InvalidValueException(
                        "priority must be 0.." + RegisterContact.MAX_PRIORITY + ", was " + priority);
            }
        }
    }

    /**
     * Something supervisors must know now (a line locked after too many wrong code words, a channel's link down):
     * journaled and pushed to every supervisor's view as {@link Event.AlertRaised}; nothing in the engine changes.
     * {@code kind} is a short code ({@code code-word-lock}), {@code subject} what it is about (a line, a link).
     */
    record RaiseAlert(String kind, String subject, String detail) implements FromChannel {
        public RaiseAlert {
            Checks.requiredText("kind", kind, 64);
            if (!kind.matches("[a-z][a-z0-9-]*")) {
                throw new InvalidValueException("an alert's kind is a code in lower case, like code-word-lock");
            }
            Checks.requiredText("subject", subject, 256);
            Checks.requiredText("detail", detail, Checks.MAX_TEXT);
        }
    }

    /**
     * The agent holds, resumes, mutes or unmutes a connected call from the desk; the voice channel acts on the event.
     * An agent controls a call it holds; staff ({@code actingAgentId} null) any connected one.
     */
    record ControlCall(UUID contactId, @Nullable String actingAgentId, CallControl control) implements Command {
        public ControlCall {
            Checks.required("contactId", contactId);
            Checks.required("control", control);
        }
    }

    /**
     * The agent serving a call asks colleague {@code colleagueId}, or a colleague free in queue {@code queueId} (the
     * longest idle of those whose skills serve it), before handing it over (a consultative transfer): the caller is
     * held while the voice channel rings the colleague's phone and the two talk. The colleague must be able to take a
     * call now (READY with a free voice slot), and keeps that slot for the consultation until it ends: with {@link
     * TransferContact} to that colleague (completed), {@link EndConsultation} (the agent takes the caller back, or the
     * colleague's phone refused), or the call leaving the agent. One consultation per call at a time. An agent
     * consults for a call it holds; staff ({@code actingAgentId} null) for any connected one.
     */
    record ConsultColleague(
            UUID contactId,
            @Nullable String colleagueId,
            @Nullable String queueId,
            @Nullable String actingAgentId) implements Command {
        public ConsultColleague {
            Checks.required("contactId", contactId);
            if (colleagueId == null) {
                Checks.requiredText("queueId", queueId, 256);
            } else {
                Checks.requiredText("colleagueId", colleagueId, 256);
            }
            Checks.optional("queueId", queueId, 256);
        }

        /** A consultation of one colleague by name. */
        public ConsultColleague(UUID contactId, String colleagueId, @Nullable String actingAgentId) {
            this(contactId, colleagueId, null, actingAgentId);
        }
    }

    /**
     * The call's consultation ends without a transfer: the agent takes the caller back ({@code reason} null:
     * cancelled), or the voice channel reports why the colleague cannot talk (the phone refused, did not answer).
     */
    record EndConsultation(
            UUID contactId,
            @Nullable String actingAgentId,
            @Nullable String reason) implements FromChannel {
        public EndConsultation {
            Checks.required("contactId", contactId);
            Checks.optional("reason", reason, Checks.MAX_TEXT);
        }
    }

    /**
     * A callback for later, arranged while serving a contact (the subscriber asked to be called back at
     * {@code atMs}): a new callback contact {@code callbackId} in the contact's queue, its parent this contact, which
     * goes on. Without {@code number} the contact's own address is dialled. An agent arranges it for a contact it
     * holds; staff for any live one.
     */
    record ScheduleCallback(
            UUID contactId,
            UUID callbackId,
            @Nullable String actingAgentId,
            @Nullable String number,
            long atMs) implements Command {
        public ScheduleCallback {
            Checks.required("contactId", contactId);
            Checks.required("callbackId", callbackId);
            Checks.optional("number", number, 256);
        }
    }

    /** The subscriber left (hung up while waiting or ringing, or closed the chat). */
    record AbandonContact(UUID contactId, @Nullable String reason) implements FromChannel {
        public AbandonContact {
            Checks.required("contactId", contactId);
            Checks.optional("reason", reason, Checks.MAX_TEXT);
        }
    }

    /**
     * Hands the contact on; a successor contact with id {@code successorId} carries on. To a queue (blind transfer):
     * the successor waits there at the tail of its priority. To a colleague ({@code toAgentId}): the successor, in
     * {@code toQueueId} or else the contact's own queue, is offered to that agent at once, who must be READY with a
     * free slot for the channel (else refused: a transfer never leaves the subscriber waiting for one busy person);
     * a colleague who rejects it or lets it ring sends it to that queue's line, as any missed offer.
     */
    record TransferContact(
            UUID contactId,
            UUID successorId,
            @Nullable String toQueueId,
            @Nullable String toAgentId,
            @Nullable String actingAgentId,
            @Nullable String reason)
            implements FromChannel {
        public TransferContact {
            Checks.required("contactId", contactId);
            Checks.required("successorId", successorId);
            if (toAgentId == null) {
                Checks.required("toQueueId", toQueueId);
            }
            Checks.optional("reason", reason, Checks.MAX_TEXT);
        }

        /** A blind transfer to a queue. */
        public TransferContact(
                UUID contactId,
                UUID successorId,
                String toQueueId,
                @Nullable String actingAgentId,
                @Nullable String reason) {
            this(contactId, successorId, toQueueId, null, actingAgentId, reason);
        }
    }

    /**
     * Converts a waiting contact into a callback to {@code number}. Without {@code atMs} the callback keeps the
     * contact's place in line, and with {@code keepsHolds} (every command since; false in journals written before)
     * its rejections' holds too: an agent who rejected the call is not offered its callback until the minute is up;
     * with {@code atMs}, the callback queues at that time.
     */
    record RequestCallback(
            UUID contactId,
            UUID callbackId,
            @Nullable String number,
            @Nullable Long atMs,
            boolean keepsHolds) implements FromChannel {
        public RequestCallback {
            Checks.required("contactId", contactId);
            Checks.required("callbackId", callbackId);
            Checks.optional("number", number, 256);
        }

        public RequestCallback(UUID contactId, UUID callbackId, @Nullable String number, @Nullable Long atMs) {
            this(contactId, callbackId, number, atMs, true);
        }
    }

    /** The channel could not reach the subscriber of a callback; it is tried again later or given up. */
    record ReportDialOutFailure(UUID contactId, @Nullable String reason) implements FromChannel {
        public ReportDialOutFailure {
            Checks.required("contactId", contactId);
            Checks.optional("reason", reason, Checks.MAX_TEXT);
        }
    }

    /**
     * Journaled first after every start: sessions did not survive, so agents are logged out and every contact
     * that was offered or connected goes back to its place in line. With {@code callsLost} true (what a start
     * journals since voice calls are real SIP calls) voice calls are treated as what they are, calls that died with
     * the server: a caller who was waiting or being offered becomes a callback that keeps the place in line, and a
     * call that was connected ends with reason {@code channel-lost} and a callback to the same subscriber is queued
     * in its place; text contacts still go back to their places. Null (journals written before) recovers as then,
     * so old journals replay into the state they were written from. With {@code keepsHolds} (every start since; false
     * in journals written before) a waiting call's callback keeps its rejections' holds, as {@link RequestCallback}.
     */
    record Recover(@Nullable Boolean callsLost, boolean keepsHolds) implements Command {

        public Recover(@Nullable Boolean callsLost) {
            this(callsLost, false);
        }

        /** The recovery every start journals now. */
        public static Recover afterRestart() {
            return new Recover(true, true);
        }
    }
}
