package org.switchboard.core.routing;

import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactState;

/**
 * A live contact inside the engine. Mutable, owned by the engine thread; the outside sees
 * {@link org.switchboard.core.view.ContactView} snapshots.
 */
final class Contact {

    /** Routing order inside a queue: lower key first (priority and aging folded in), then arrival order. */
    /**
     * The most messages one conversation holds: a sender who writes on opens a new contact, and the center's answers
     * and explicit additions are refused (a flood cannot grow one thread, or the desk showing it, without bound).
     */
    static final int MAX_MESSAGES = 1_000;

    static final Comparator<Contact> ROUTING_ORDER = Contact::compareRouting;

    /** Negative when {@code a} is served before {@code b}; written out because the matcher calls it most. */
    static int compareRouting(Contact a, Contact b) {
        if (a.key != b.key) {
            return a.key < b.key ? -1 : 1;
        }
        return Long.compare(a.seq, b.seq);
    }

    final UUID id;
    final @Nullable UUID parentId;
    final Channel channel;
    final String from;
    final @Nullable String subscriberId;
    /** Changed only by {@link ContactCommands#changePriority} while the contact waits. */
    int priority;

    final Map<String, String> attributes;
    final long createdAtMs;

    Queue queue;
    ContactState state;
    /** Routing key: {@code queuedAt - priority × aging}; fixed while the contact waits, kept on requeue. */
    long key;
    /** Global arrival number, the tie-break of equal keys. */
    long seq;

    int step;
    long queuedAtMs;
    long stepStartedAtMs;
    /** While SCHEDULED: when the contact queues. */
    @Nullable
    Long dueAtMs;
    /** The agent offered, connected or wrapping up; null while the contact waits or is scheduled. */
    @Nullable
    Agent agent;
    /** The colleague its agent is consulting about this call (a consultative transfer); null when none. */
    @Nullable
    Agent consultant;
    /** The agent most recently offered the contact; kept after the contact leaves it, for replies and history. */
    @Nullable
    String lastAgentId;
    /** Why and when the contact was last taken back from an agent (RONA, rejection, logout...); null if never. */
    @Nullable
    String lastRequeueReason;

    long lastRequeuedAtMs;
    long connectedAtMs;
    /**
     * How long a rejection holds: the contact is not offered again to an agent who rejected it until this long after
     * that agent's rejection, so that colleagues get it first; then, if still waiting, it may go to that agent again (a
     * caller is never left waiting for good beside an idle agent who once pressed Reject).
     */
    static final long REJECTION_HOLD_MS = 60_000;

    /**
     * The agents who rejected this contact, each held from it until a minute after its rejection (a transfer or
     * overflow makes a new contact, which nobody has rejected). Null when nobody has.
     */
    @Nullable
    Holds holds;

    @Nullable
    String disposition;

    int dialAttempts;
    /** The messages of its conversation so far, both ways (text contacts): at most {@link #MAX_MESSAGES}. */
    int messages;
    /** Bumped on every state change; a timer armed under an older version is stale and ignored. */
    long version;

    Contact(
            UUID id,
            @Nullable UUID parentId,
            Channel channel,
            String from,
            @Nullable String subscriberId,
            int priority,
            Map<String, String> attributes,
            Queue queue,
            ContactState state,
            long createdAtMs) {
        this.id = id;
        this.parentId = parentId;
        this.channel = channel;
        this.from = from;
        this.subscriberId = subscriberId;
        this.priority = priority;
        this.attributes = attributes;
        this.queue = queue;
        this.state = state;
        this.createdAtMs = createdAtMs;
    }

    /**
     * A callback that continues {@code parent}: same subscriber (the parent's caller when it named none: dialling another
     * number does not make that number's subscriber the contact's), priority, attributes and queue, dialling
     * {@code number}.
     */
    static Contact callbackOf(Contact parent, UUID id, String number, ContactState state, long nowMs) {
        return new Contact(
                id,
                parent.id,
                Channel.CALLBACK,
                number,
                parent.subscriberId != null ? parent.subscriberId : parent.from,
                parent.priority,
                parent.attributes,
                parent.queue,
                state,
                nowMs);
    }

    /** Whether the contact is held from {@code agent}: it rejected the contact less than a minute ago. */
    boolean isDeclinedBy(Agent agent, long nowMs) {
        Holds held = holds;
        return held != null && held.holds(agent.index, nowMs);
    }

    /** The holds of {@code parent}, which this callback takes the place of: its rejections go on holding. */
    void holdsOf(Contact parent) {
        Holds held = parent.holds;
        holds = held == null ? null : held.copy();
    }

    /** {@code agent} rejected the contact at {@code nowMs}: the contact is held from it for a minute. */
    void declineBy(Agent agent, long nowMs) {
        if (holds == null) {
            holds = new Holds();
        }
        holds.hold(agent.index, nowMs + REJECTION_HOLD_MS);
    }

    int capacityIndex() {
        return channel.capacityClass().ordinal();
    }

    /** The agent holding the contact (OFFERED, CONNECTED or WRAP_UP); a contact in another state has none. */
    Agent heldBy() {
        if (agent == null) {
            throw new IllegalStateException("contact " + id + " is " + state + ": no agent holds it");
        }
        return agent;
    }

    Target target() {
        return queue.targets[step];
    }
}
