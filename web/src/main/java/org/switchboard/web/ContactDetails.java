package org.switchboard.web;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.port.ContactHistory;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.Role;
import org.switchboard.core.port.StoreUnavailableException;
import org.switchboard.core.view.ContactView;

/**
 * What the API shows of one contact: its current state (from the engine while it lives, from its timeline once it
 * ended) and the timeline of it and of every contact it continues (transfers, callbacks), oldest first, each event
 * labelled with its {@code contactId}. An agent may see only contacts that are or were its own. Thread-safe.
 *
 * <p>Timelines come from the database, which the journal needs first: while the journal is behind (the oldest
 * command not yet durable has waited longer than {@code maxJournalLagMs}), or when the database cannot answer, a
 * live contact is shown from the read model without them ({@code timelineOmitted} says why), and an ended one, which
 * only the database knows, is 503 with {@code Retry-After}. Thousands of detail reads a second otherwise take the
 * database from the journal and slow every command (docs/benchmarks.md, "Reads while writing").
 */
final class ContactDetails {

    private static final int MAX_ANCESTORS = 32;

    /** Why a contact is shown without its timeline ({@code timelineOmitted}), and what an ended one is told. */
    enum Omission {
        /** The journal is behind. */
        BUSY("busy", "the center is busy making commands durable; the contact history is read again shortly"),
        /** The database cannot answer. */
        DATABASE("database", "the contact history cannot be read now; try again shortly");

        final String wireName;
        private final String unavailable;

        Omission(String wireName, String unavailable) {
            this.wireName = wireName;
            this.unavailable = unavailable;
        }
    }

    private final CenterGateway center;
    private final ContactHistory history;
    private final long maxJournalLagMs;
    private final Map<Omission, LongAdder> omitted = new EnumMap<>(Omission.class);

    /** @param maxJournalLagMs timelines are not read while the journal is further behind than this; 0: always */
    ContactDetails(CenterGateway center, ContactHistory history, long maxJournalLagMs) {
        this.center = center;
        this.history = history;
        this.maxJournalLagMs = maxJournalLagMs;
        for (Omission why : Omission.values()) {
            omitted.put(why, new LongAdder());
        }
    }

    /** The contact as {@code viewer} may see it; 404 when unknown, 403 when an agent asks for another's. */
    Map<String, Object> describe(UUID id, Principal viewer) {
        Optional<ContactView> live = center.view().contact(id);
        if (journalBehind()) {
            return withoutHistory(live, viewer, Omission.BUSY);
        }
        List<Event.ContactEvent> timeline;
        try {
            timeline = history.timeline(id);
        } catch (StoreUnavailableException e) {
            return withoutHistory(live, viewer, Omission.DATABASE);
        }
        if (live.isEmpty() && timeline.isEmpty()) {
            throw notFound(id);
        }
        requireConcerns(id, viewer, live, timeline);
        Map<String, Object> body = live.map(ContactDetails::current).orElseGet(() -> ended(id, timeline));
        if (live.isPresent() && live.get().state() == ContactState.WRAP_UP) {
            body.put("disposition", dispositionOf(timeline));
        }
        try {
            addHistory(body, parentOf(live, timeline), timeline);
        } catch (StoreUnavailableException e) {
            return withoutHistory(live, viewer, Omission.DATABASE);
        }
        return body;
    }

    /**
     * The messages of the contact and of the contacts it continues, oldest first, as {@code viewer} may see them;
     * 503 when the timelines cannot be read now (a conversation is never shown with messages missing).
     */
    Map<String, Object> conversation(UUID id, Principal viewer) {
        Map<String, Object> contact = describe(id, viewer);
        if (contact.containsKey("timelineOmitted")) {
            throw ApiException.unavailable(Omission.BUSY.unavailable);
        }
        if (viewer.role() == Role.AGENT && !heldBy(contact, id, viewer.agent())) {
            throw ApiException.forbidden("the conversation of contact " + id + " is for the agents who handle it");
        }
        List<Map<String, Object>> messages = new ArrayList<>();
        Map<Object, Map<String, Object>> answers = new HashMap<>();
        for (Object entry : timelineOf(contact)) {
            Map<?, ?> event = (Map<?, ?>) entry;
            Object type = event.get("type");
            if ("MessageReceived".equals(type) || "MessageSent".equals(type)) {
                Map<String, Object> message = message(event, "MessageReceived".equals(type));
                messages.add(message);
                if ("MessageSent".equals(type)) {
                    answers.put(event.get("messageId"), message);
                }
            } else if ("MessageStatusChanged".equals(type) && answers.containsKey(event.get("messageId"))) {
                Map<String, Object> answer = answers.get(event.get("messageId"));
                answer.put("status", event.get("status"));
                answer.put("statusDetail", event.get("detail"));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("contactId", id.toString());
        body.put("state", contact.get("state"));
        body.put("channel", contact.get("channel"));
        body.put("from", contact.get("from"));
        body.put("lineage", contact.get("lineage"));
        body.put("messages", messages);
        return body;
    }

    /**
     * Whether {@code agentId} holds the contact now (offered, connected or in wrap-up) or was connected to it: an
     * offer it rejected or let time out does not open the conversation to it.
     */
    private static boolean heldBy(Map<String, Object> contact, UUID id, String agentId) {
        if (agentId.equals(contact.get("agent")) && contact.get("endedAt") == null) {
            return true;
        }
        for (Object entry : timelineOf(contact)) {
            Map<?, ?> event = (Map<?, ?>) entry;
            if ("ContactConnected".equals(event.get("type"))
                    && id.toString().equals(event.get("contactId"))
                    && agentId.equals(event.get("agentId"))) {
                return true;
            }
        }
        return false;
    }

    /** The timeline of a contact as {@link #describe} made it (it always has one, empty when omitted). */
    private static List<?> timelineOf(Map<String, Object> contact) {
        return (List<?>) Objects.requireNonNull(contact.get("timeline"), "a described contact has a timeline");
    }

    /** One message as the API shows it: {@code in} from the subscriber, {@code out} to the subscriber. */
    private static Map<String, Object> message(Map<?, ?> event, boolean inbound) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", event.get("messageId"));
        m.put("contactId", event.get("contactId"));
        m.put("direction", inbound ? "in" : "out");
        m.put("channel", event.get("channel"));
        m.put("text", event.get("text"));
        m.put("author", inbound ? event.get("from") : event.get("author"));
        m.put("externalId", event.get("externalId"));
        m.put("at", event.get("at"));
        m.put("atMs", event.get("atMs"));
        return m;
    }

    /** Contacts shown without their timelines since the start, for {@code why}. */
    long omitted(Omission why) {
        return counterOf(why).sum();
    }

    private LongAdder counterOf(Omission why) {
        return Objects.requireNonNull(omitted.get(why), "every omission has its counter");
    }

    private boolean journalBehind() {
        return maxJournalLagMs > 0 && center.journalLagMillis() > maxJournalLagMs;
    }

    private static void requireConcerns(
            UUID id, Principal viewer, Optional<ContactView> live, List<Event.ContactEvent> timeline) {
        if (viewer.role() == Role.AGENT && !concerns(viewer.agent(), live, timeline)) {
            throw ApiException.forbidden("contact " + id + " is not one of agent '" + viewer.agent() + "'s");
        }
    }

    /**
     * A live contact as the read model has it, without the timelines only the database holds: {@code lineage} names
     * its parent (if any) and itself, {@code timeline} is empty and {@code timelineOmitted} says why. A contact the
     * read model does not hold (ended, or unknown: only the database can tell) is 503. An agent sees a live one while
     * it is theirs; whether an earlier offer made it theirs too only the timeline says, so another agent is told to
     * try again (503), not refused.
     */
    private Map<String, Object> withoutHistory(Optional<ContactView> shown, Principal viewer, Omission why) {
        ContactView live = shown.orElseThrow(() -> ApiException.unavailable(why.unavailable));
        if (viewer.role() == Role.AGENT && !viewer.agent().equals(live.agentId())) {
            throw ApiException.unavailable(why.unavailable);
        }
        counterOf(why).increment();
        Map<String, Object> body = current(live);
        List<String> lineage = new ArrayList<>(2);
        if (live.parentId() != null) {
            lineage.add(live.parentId().toString());
        }
        lineage.add(live.id().toString());
        body.put("lineage", List.copyOf(lineage));
        body.put("timeline", List.of());
        body.put("timelineOmitted", why.wireName);
        return body;
    }

    /**
     * Why a command found no live contact: when the contact has ended (and {@code viewer} may know about it), a 409
     * saying how and when; else {@code notFound} as it was.
     */
    ApiException explainEnded(@Nullable UUID id, Principal viewer, ApiException notFound) {
        List<Event.ContactEvent> timeline;
        try {
            timeline = id == null ? List.of() : history.timeline(id);
        } catch (RuntimeException e) {
            return notFound;
        }
        if (timeline.isEmpty() || !(timeline.getLast() instanceof Event.ContactEnded end)) {
            return notFound;
        }
        if (viewer.role() == Role.AGENT && !concerns(viewer.agent(), Optional.empty(), timeline)) {
            return notFound;
        }
        return new ApiException(
                409,
                "illegal_state",
                "contact " + id + " has ended: " + end.state() + " at " + EventJson.iso(end.atMs()) + " ("
                        + end.reason() + ")",
                Map.of("state", end.state().name()));
    }

    /** The disposition given when the contact went into wrap-up; null when none was given. */
    private static @Nullable String dispositionOf(List<Event.ContactEvent> timeline) {
        String disposition = null;
        for (Event.ContactEvent event : timeline) {
            if (event instanceof Event.ContactWrapUpStarted wrapUp) {
                disposition = wrapUp.disposition();
            }
        }
        return disposition;
    }

    static ApiException notFound(UUID id) {
        return ApiException.notFound("no contact " + id);
    }

    private static boolean concerns(String agentId, Optional<ContactView> live, List<Event.ContactEvent> timeline) {
        if (live.isPresent() && agentId.equals(live.get().agentId())) {
            return true;
        }
        return timeline.stream().anyMatch(e -> agentId.equals(EventJson.agentOf(e)));
    }

    /** The JSON body of a live contact. */
    static Map<String, Object> current(ContactView c) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", c.id().toString());
        body.put("state", c.state().name());
        body.put("queue", c.queueId());
        body.put("channel", c.channel().wireName());
        body.put("from", c.from());
        body.put("subscriberId", c.subscriberId());
        body.put("priority", c.priority());
        body.put("attributes", c.attributes());
        body.put("position", c.position());
        body.put("estimatedWaitSeconds", c.estimatedWaitSeconds());
        body.put("agent", c.agentId());
        body.put("parentId", c.parentId() == null ? null : c.parentId().toString());
        body.put("createdAt", EventJson.iso(c.createdAtMs()));
        body.put("dueAt", c.dueAtMs() == null ? null : EventJson.iso(c.dueAtMs()));
        return body;
    }

    private static Map<String, Object> ended(UUID id, List<Event.ContactEvent> timeline) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id.toString());
        body.put("state", stateAfter(timeline.getLast()));
        String agent = null;
        for (Event.ContactEvent event : timeline) {
            String named = EventJson.agentOf(event);
            agent = named != null ? named : agent;
            switch (event) {
                case Event.ContactCreated created -> describeCreation(body, created);
                case Event.ContactEnded end -> describeEnd(body, end);
                default -> {}
            }
        }
        body.put("position", null);
        body.put("estimatedWaitSeconds", null);
        body.put("agent", agent);
        return body;
    }

    private static void describeCreation(Map<String, Object> body, Event.ContactCreated c) {
        body.put("queue", c.queueId());
        body.put("channel", c.channel().wireName());
        body.put("from", c.from());
        body.put("subscriberId", c.subscriberId());
        body.put("priority", c.priority());
        body.put("attributes", c.attributes());
        body.put("parentId", c.parentId() == null ? null : c.parentId().toString());
        body.put("createdAt", EventJson.iso(c.atMs()));
    }

    private static void describeEnd(Map<String, Object> body, Event.ContactEnded end) {
        body.put("queue", end.queueId());
        body.put("reason", end.reason());
        body.put("disposition", end.disposition());
        body.put(
                "successorId",
                end.successorId() == null ? null : end.successorId().toString());
        body.put("endedAt", EventJson.iso(end.atMs()));
    }

    /** The state a contact is in after {@code event}: exact for ended contacts, a best guess while one ends. */
    private static String stateAfter(Event.ContactEvent event) {
        return switch (event) {
            case Event.ContactEnded e -> e.state().name();
            case Event.ContactScheduled e -> "SCHEDULED";
            case Event.ContactOffered e -> "OFFERED";
            case Event.DialOutRequested e -> "OFFERED";
            case Event.ContactConnected e -> "CONNECTED";
            case Event.ContactWrapUpStarted e -> "WRAP_UP";
            default -> "QUEUED";
        };
    }

    private static @Nullable UUID parentOf(Optional<ContactView> live, List<Event.ContactEvent> timeline) {
        if (live.isPresent()) {
            return live.get().parentId();
        }
        return parentOf(timeline);
    }

    private static @Nullable UUID parentOf(List<Event.ContactEvent> timeline) {
        for (Event.ContactEvent event : timeline) {
            if (event instanceof Event.ContactCreated created) {
                return created.parentId();
            }
        }
        return null;
    }

    private void addHistory(Map<String, Object> body, @Nullable UUID parentId, List<Event.ContactEvent> own) {
        Deque<List<Event.ContactEvent>> ancestors = new ArrayDeque<>();
        Deque<String> lineage = new ArrayDeque<>();
        for (UUID parent = parentId; parent != null && ancestors.size() < MAX_ANCESTORS; ) {
            List<Event.ContactEvent> timeline = history.timeline(parent);
            ancestors.addFirst(timeline);
            lineage.addFirst(parent.toString());
            parent = parentOf(timeline);
        }
        List<Map<String, Object>> merged = new ArrayList<>();
        ancestors.forEach(t -> t.forEach(e -> merged.add(EventJson.toJson(e))));
        own.forEach(e -> merged.add(EventJson.toJson(e)));
        lineage.addLast(String.valueOf(body.get("id")));
        body.put("lineage", List.copyOf(lineage));
        body.put("timeline", merged);
    }
}
