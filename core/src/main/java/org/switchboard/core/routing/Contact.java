package org.switchboard.core.routing;

import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactState;

/**
 * A live contact inside the engine. Mutable, owned by the engine thread; the outside sees
 * {@link org.switchboard.core.view.ContactView} snapshots.
 */
final class Contact {

    /** Routing order inside a queue: lower key first (priority and aging folded in), then arrival order. */
    static final Comparator<Contact> ROUTING_ORDER = Contact::compareRouting;

    /** Negative when {@code a} is served before {@code b}; written out because the matcher calls it most. */
    static int compareRouting(Contact a, Contact b) {
        if (a.key != b.key) {
            return a.key < b.key ? -1 : 1;
        }
        return Long.compare(a.seq, b.seq);
    }

    final UUID id;
    final UUID parentId;
    final Channel channel;
    final String from;
    final String subscriberId;
    final int priority;
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
    Long dueAtMs;
    Agent agent;
    /** The agent most recently offered the contact; kept after the contact leaves it, for replies and history. */
    String lastAgentId;
    /** Why and when the contact was last taken back from an agent (RONA, rejection, logout...); null if never. */
    String lastRequeueReason;
    long lastRequeuedAtMs;
    long connectedAtMs;
    String disposition;
    int dialAttempts;
    /** Bumped on every state change; a timer armed under an older version is stale and ignored. */
    long version;

    Contact(UUID id, UUID parentId, Channel channel, String from, String subscriberId, int priority,
            Map<String, String> attributes, Queue queue, long createdAtMs) {
        this.id = id;
        this.parentId = parentId;
        this.channel = channel;
        this.from = from;
        this.subscriberId = subscriberId;
        this.priority = priority;
        this.attributes = attributes;
        this.queue = queue;
        this.createdAtMs = createdAtMs;
    }

    int capacityIndex() {
        return channel.capacityClass().ordinal();
    }

    Target target() {
        return queue.targets[step];
    }
}
