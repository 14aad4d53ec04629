package org.switchboard.core.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.AgentStatus;
import org.switchboard.core.model.CapacityClass;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.port.Role;

/**
 * Everything the engine knows, in one place that its collaborators share: queues, agents and live contacts (in
 * the order they were created: iteration order is part of the engine's determinism), the timers, the engine's
 * time and its counters. Owned by the engine's thread; no collaborator keeps state of its own.
 */
final class EngineState {

    final Consumer<Event> events;
    final Map<String, Queue> queues = new LinkedHashMap<>();
    final Map<String, Agent> agentsById = new LinkedHashMap<>();
    /** By {@link Agent#index}. */
    final List<Agent> agents = new ArrayList<>();

    /** Replaced only while empty ({@link #expectContacts}). */
    Map<UUID, Contact> contacts = new LinkedHashMap<>();
    /** The newest live text contact of each channel and sender: where the sender's next message may go. */
    private Map<String, Contact> conversations = new HashMap<>();
    /** How many live callbacks each contact has arranged (by the arranging contact's id). */
    private final Map<UUID, Integer> callbacksOf = new HashMap<>();

    final Timers timers = new Timers();
    /** Users who are not agents, by name; agents' ids and users' names share one name space. */
    final Map<String, Role> users = new LinkedHashMap<>();
    /** A name of agent or user for each name in lower case: staff sign in by name whatever its case. */
    private final Map<String, String> nameInAnyCase = new HashMap<>();
    /** Who holds which access token (by its hash), both ways: a token belongs to one principal. */
    final Map<String, String> credentialOf = new HashMap<>();

    final Map<String, String> holderOf = new HashMap<>();
    final IdempotencyMemory remembered = new IdempotencyMemory();
    long nowMs;
    /** Arrival order of contacts entering a queue: the tie-break of equal routing keys. */
    long arrivalSeq;
    /** Order of offers, for round-robin routing. */
    long offerSeq;

    EngineState(Consumer<Event> events) {
        this.events = events;
    }

    void emit(Event event) {
        events.accept(event);
    }

    /** A contact becomes live (created, or read from a snapshot in creation order). */
    /**
     * Sizes the contacts' maps for {@code count} contacts, while there are none yet: a snapshot's restore of 400,000
     * would otherwise grow them by doubling, rehashing every contact read so far each time.
     */
    void expectContacts(int count) {
        if (contacts.isEmpty()) {
            contacts = LinkedHashMap.newLinkedHashMap(count);
        }
        if (conversations.isEmpty()) {
            conversations = HashMap.newHashMap(count);
        }
    }

    void addContact(Contact contact) {
        contacts.put(contact.id, contact);
        if (contact.channel.capacityClass() != CapacityClass.VOICE) {
            conversations.put(conversationKey(contact.channel, contact.from), contact);
        }
        if (contact.channel == Channel.CALLBACK && contact.parentId != null) {
            callbacksOf.merge(contact.parentId, 1, Integer::sum);
        }
    }

    /** A contact ended. */
    void removeContact(Contact contact) {
        contacts.remove(contact.id);
        conversations.remove(conversationKey(contact.channel, contact.from), contact);
        if (contact.channel == Channel.CALLBACK && contact.parentId != null) {
            callbacksOf.computeIfPresent(contact.parentId, (parent, count) -> count == 1 ? null : count - 1);
        }
    }

    /** The live callbacks that the contact {@code id} arranged. */
    int callbacksOf(UUID id) {
        return callbacksOf.getOrDefault(id, 0);
    }

    /**
     * The sender's open conversation on a text channel: the newest live contact from {@code from} on {@code channel}
     * that waits, is offered or is connected; null when there is none or it is in wrap-up (the agent is done with it).
     */
    @Nullable
    Contact openConversation(Channel channel, String from) {
        Contact contact = conversations.get(conversationKey(channel, from));
        return contact == null || contact.state == ContactState.WRAP_UP ? null : contact;
    }

    private static String conversationKey(Channel channel, String from) {
        return channel.wireName() + '\n' + from;
    }

    /** Derives the agent's displayed status; emits a change (always, when {@code force}). */
    void updateStatus(Agent agent, boolean force) {
        AgentStatus status = switch (agent.presence) {
            case LOGGED_OUT -> AgentStatus.LOGGED_OUT;
            case NOT_READY -> AgentStatus.NOT_READY;
            case READY -> onlyWrapUp(agent) ? AgentStatus.WRAP_UP : AgentStatus.READY;
        };
        if (status != agent.status || force) {
            agent.status = status;
            agent.statusSinceMs = nowMs;
            emit(new Event.AgentStatusChanged(agent.config.id(), status, agent.reason, nowMs));
        }
    }

    private static boolean onlyWrapUp(Agent agent) {
        if (agent.contacts.isEmpty()) {
            return false;
        }
        for (Contact contact : agent.contacts) {
            if (contact.state != ContactState.WRAP_UP) {
                return false;
            }
        }
        return true;
    }

    /** {@code name} names an agent or a user from now on (defined, or read from a snapshot). */
    void nameTaken(String name) {
        nameInAnyCase.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
    }

    /**
     * The name of an agent or user that differs from {@code name} only in case; null when there is none, or when
     * {@code name} itself is taken (journals written before names were one in any case may hold both).
     */
    @Nullable
    String takenInOtherCase(String name) {
        return isPrincipal(name) ? null : nameInAnyCase.get(name.toLowerCase(Locale.ROOT));
    }

    /** Whether {@code name} names an agent or a user. */
    boolean isPrincipal(String name) {
        return agentsById.containsKey(name) || users.containsKey(name);
    }

    static String reasonOr(@Nullable String reason, String fallback) {
        return reason == null || reason.isBlank() ? fallback : reason.trim();
    }
}
