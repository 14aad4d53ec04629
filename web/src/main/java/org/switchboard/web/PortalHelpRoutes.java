package org.switchboard.web;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactIds;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.port.PortalAccounts;
import org.switchboard.core.port.PortalAccounts.PortalSession;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.Role;
import org.switchboard.core.time.Clock;
import org.switchboard.core.view.ContactView;
import org.switchboard.core.view.QueueView;
import org.switchboard.selfservice.CallbackLocks;
import org.switchboard.selfservice.WaitingCallbacks;

/**
 * The portal's ways to reach a person, {@code /api/v1/portal/...}: "Ask the center" (a question becomes a {@code web}
 * contact in the queue of the topic the subscriber picks; a further question joins the open one, and the operator's
 * answers show in its thread and go to the number by SMS through the conversation's {@code MessageSent} event, which
 * the SMS channel delivers) and "Call me back" (a callback now, keeping a place in line like a waiting caller, or at a
 * half-hour slot the queue is open). One waiting callback a number; the number, the contacts and the queue all come
 * from the session and the configured topics, never from the request.
 */
final class PortalHelpRoutes {

    private static final String BASE = "/api/v1/portal";
    /** Questions one number may send in an hour: a person writes a few; more is a script. */
    static final int QUESTIONS_PER_HOUR = 30;
    /** Callbacks one number may ask for (or cancel) in an hour. */
    static final int CALLBACKS_PER_HOUR = 10;

    private static final long SLOT_MS = 30 * 60_000L;
    private static final long EARLIEST_SLOT_MS = 15 * 60_000L;
    /** The first slot listed is this far ahead, so a listed one is still bookable a quarter of an hour later. */
    private static final long FIRST_LISTED_MS = 30 * 60_000L;

    private static final long LATEST_SLOT_MS = 7 * 86_400_000L;
    private static final long SLOTS_AHEAD_MS = 48 * 3_600_000L;
    /** How many of the subscriber's newest contacts the portal reads (the thread, the waiting callback). */
    private static final int OWN_CONTACTS = 50;

    private final PortalAccounts accounts;
    private final CenterGateway center;
    private final ContactDetails details;
    private final WebStores stores;
    private final WaitingCallbacks waitingCallbacks;
    private final JsonBodies bodies;
    private final Supplier<Map<String, String>> topics;
    private final Supplier<org.switchboard.core.port.ServiceMessages> sms;
    private final Clock clock;
    private final RequestQuota questions = new RequestQuota(QUESTIONS_PER_HOUR, 3_600_000);
    private final RequestQuota callbacks = new RequestQuota(CALLBACKS_PER_HOUR, 3_600_000);

    PortalHelpRoutes(
            PortalAccounts accounts,
            CenterGateway center,
            ContactDetails details,
            WebStores stores,
            JsonBodies bodies,
            Supplier<Map<String, String>> topics,
            Supplier<org.switchboard.core.port.ServiceMessages> sms,
            Clock clock) {
        this.accounts = accounts;
        this.center = center;
        this.details = details;
        this.stores = stores;
        this.waitingCallbacks = new WaitingCallbacks(stores.history(), center::view);
        this.bodies = bodies;
        this.topics = topics;
        this.sms = sms;
        this.clock = clock;
    }

    record QuestionRequest(@Nullable String topic, @Nullable String text) {}

    record CallbackRequest(@Nullable String topic, @Nullable String at) {}

    void register(RouteTable routes) {
        routes.get(BASE + "/help", this::help);
        routes.post(BASE + "/questions", this::ask);
        routes.get(BASE + "/contacts/{id}", this::thread);
        routes.post(BASE + "/callback", this::callMeBack);
        routes.delete(BASE + "/callback", this::cancelCallback);
    }

    /** The topics with their queue's estimated wait, the number's waiting callback and the slots it may pick. */
    private void help(Context ctx) {
        PortalSession session = PortalRoutes.session(accounts, ctx);
        long nowMs = clock.nowInMs();
        List<Map<String, Object>> offered = new ArrayList<>();
        offered().forEach((topic, queue) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", topic);
            m.put("open", queue.openAt(nowMs));
            m.put("estimatedWaitSeconds", queue.estimatedWaitSeconds());
            m.put("slots", slots(queue, nowMs));
            offered.add(m);
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("topics", offered);
        body.put("answersBySms", sms.get() != org.switchboard.core.port.ServiceMessages.NONE);
        body.put(
                "callback",
                waitingCallbacks
                        .of(session.msisdn())
                        .map(PortalHelpRoutes::callback)
                        .orElse(null));
        ctx.header("Cache-Control", "no-store");
        ctx.json(body);
    }

    /** The topics whose queues the center has, each to its queue. */
    private Map<String, QueueView> offered() {
        Map<String, QueueView> offered = new LinkedHashMap<>();
        topics.get().forEach((topic, queue) -> center.view().queue(queue).ifPresent(q -> offered.put(topic, q)));
        return offered;
    }

    /** The half hours of the next two days, from half an hour ahead, when the queue is open. */
    private static List<String> slots(QueueView queue, long nowMs) {
        List<String> slots = new ArrayList<>();
        long first = (nowMs + FIRST_LISTED_MS + SLOT_MS - 1) / SLOT_MS * SLOT_MS;
        for (long at = first; at <= nowMs + SLOTS_AHEAD_MS; at += SLOT_MS) {
            if (queue.openAt(at)) {
                slots.add(EventJson.iso(at));
            }
        }
        return slots;
    }

    /** A topic the portal lists, with the id of its queue. */
    private record Topic(String name, String queueId) {}

    /** The topic asked for, one the portal lists; else 400. */
    private Topic topicOf(@Nullable String name) {
        Map<String, QueueView> offered = offered();
        QueueView queue = name == null ? null : offered.get(name);
        if (name == null || queue == null) {
            throw ApiException.badRequest(
                    "'topic' is one of the topics the portal lists: " + String.join(", ", offered.keySet()));
        }
        return new Topic(name, queue.config().id());
    }

    private void ask(Context ctx) {
        PortalSession session = PortalRoutes.changing(accounts, ctx);
        Idempotency.refuseKey(ctx, "a question sent twice is two messages in the thread");
        QuestionRequest request = bodies.read(ctx, QuestionRequest.class);
        Topic topic = topicOf(request.topic());
        String text = MessageRoutes.requireText(request.text());
        within(ctx, questions, session, "questions");
        long nowMs = clock.nowInMs();
        UUID messageId = ContactIds.next(nowMs);
        Command.ContinueConversation question = new Command.ContinueConversation(
                new Command.RegisterContact(
                        ContactIds.next(nowMs),
                        Channel.WEB,
                        session.msisdn(),
                        session.msisdn(),
                        topic.queueId(),
                        0,
                        Map.of("topic", topic.name(), "requestedBy", "portal"),
                        null),
                messageId,
                text.strip(),
                null);
        Outcome.ContactStatus contact = center.submit(question).contact();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messageId", messageId.toString());
        body.put("contact", waiting(contact));
        ctx.status(201).json(body);
    }

    /** One of the subscriber's own contacts with its messages, as the subscriber may read them (no operator names). */
    private void thread(Context ctx) {
        PortalSession session = PortalRoutes.session(accounts, ctx);
        UUID id = ContactRoutes.contactId(ctx);
        if (!stores.history().contactsOf(session.msisdn(), OWN_CONTACTS).contains(id)) {
            throw ApiException.notFound("no such contact of yours");
        }
        Map<String, Object> conversation = details.conversation(id, reader(session));
        List<Map<String, Object>> messages = new ArrayList<>();
        List<?> said =
                (List<?>) Objects.requireNonNull(conversation.get("messages"), "a conversation has its messages");
        for (Object entry : said) {
            Map<?, ?> m = (Map<?, ?>) entry;
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("direction", m.get("direction"));
            shown.put("text", m.get("text"));
            shown.put("at", m.get("at"));
            if ("out".equals(m.get("direction"))) {
                shown.put("sms", m.get("status")); // the SMS copy's state: SUBMITTED, DELIVERED, FAILED or none yet
            }
            messages.add(shown);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id.toString());
        body.put("channel", conversation.get("channel"));
        body.put("state", conversation.get("state"));
        body.put("messages", messages);
        ctx.header("Cache-Control", "no-store");
        ctx.json(body);
    }

    /** Reads for the subscriber, who is staff to nobody: the principal only says whose request it is. */
    private static Principal reader(PortalSession session) {
        return Principal.notAnAgent(session.msisdn() + " (portal)", Role.SUPERVISOR);
    }

    private void callMeBack(Context ctx) {
        PortalSession session = PortalRoutes.changing(accounts, ctx);
        Idempotency.refuseKey(ctx, "a number has one waiting callback, so a repeat finds the first");
        CallbackRequest request = bodies.read(ctx, CallbackRequest.class);
        Topic topic = topicOf(request.topic());
        long nowMs = clock.nowInMs();
        String at = request.at();
        Long atMs = at == null ? null : slot(at, topic.queueId(), nowMs);
        Map<String, Object> body;
        synchronized (CallbackLocks.of(session.msisdn())) {
            body = arrange(ctx, session, topic.name(), topic.queueId(), atMs);
        }
        ctx.status(201).json(body);
    }

    private Map<String, Object> arrange(
            Context ctx, PortalSession session, String topic, String queue, @Nullable Long atMs) {
        Optional<ContactView> waiting = waitingCallbacks.of(session.msisdn());
        if (waiting.isPresent()) {
            throw new ApiException(
                    409,
                    "conflict",
                    "a callback to your number is already arranged; cancel it first to choose another",
                    Map.of("callback", callback(waiting.get())));
        }
        within(ctx, callbacks, session, "callback requests");
        Command.RegisterContact callback = new Command.RegisterContact(
                ContactIds.next(clock.nowInMs()),
                Channel.CALLBACK,
                session.msisdn(),
                session.msisdn(),
                queue,
                0,
                Map.of("topic", topic, "requestedBy", "portal"),
                atMs);
        Outcome.ContactStatus contact = center.submit(callback).contact();
        Map<String, Object> body = waiting(contact);
        body.put("dueAt", atMs == null ? null : EventJson.iso(atMs));
        return body;
    }

    /** A chosen time: on a half hour, from a quarter of an hour to a week ahead, when the queue is open. */
    private long slot(String at, String queue, long nowMs) {
        long atMs;
        Instant instant;
        try {
            instant = OffsetDateTime.parse(at).toInstant();
            atMs = instant.toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw ApiException.badRequest("'at' is a time such as 2026-12-04T10:30:00+05:00, or absent for now");
        }
        if (instant.getNano() != 0
                || atMs % SLOT_MS != 0
                || atMs < nowMs + EARLIEST_SLOT_MS
                || atMs > nowMs + LATEST_SLOT_MS) {
            throw ApiException.badRequest("'at' is on the hour or the half hour, from 15 minutes to 7 days ahead");
        }
        boolean open = center.view().queue(queue).map(q -> q.openAt(atMs)).orElse(false);
        if (!open) {
            throw ApiException.badRequest("nobody answers this topic at " + Instant.ofEpochMilli(atMs)
                    + ": pick one of the times the portal lists");
        }
        return atMs;
    }

    private void cancelCallback(Context ctx) {
        PortalSession session = PortalRoutes.changing(accounts, ctx);
        Idempotency.refuseKey(ctx, "a repeat finds no callback waiting (404)");
        synchronized (CallbackLocks.of(session.msisdn())) {
            ContactView waiting = waitingCallbacks
                    .of(session.msisdn())
                    .orElseThrow(() -> ApiException.notFound("no callback to your number is waiting"));
            if (waiting.state() != ContactState.QUEUED && waiting.state() != ContactState.SCHEDULED) {
                throw new ApiException(409, "conflict", "the center is calling you now");
            }
            within(ctx, callbacks, session, "callback requests");
            center.submit(new Command.AbandonContact(waiting.id(), "cancelled by the subscriber in the portal"));
        }
        ctx.status(204);
    }

    private static Map<String, Object> callback(ContactView c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id().toString());
        m.put("state", c.state().name());
        m.put("position", c.position());
        m.put("estimatedWaitSeconds", c.estimatedWaitSeconds());
        m.put("dueAt", c.dueAtMs() == null ? null : EventJson.iso(c.dueAtMs()));
        m.put("topic", c.attributes().get("topic"));
        return m;
    }

    /** Where a new contact stands, as the subscriber may read it (no agent, no queue). */
    private static Map<String, Object> waiting(Outcome.@Nullable ContactStatus c) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (c == null) {
            return m;
        }
        m.put("id", c.id().toString());
        m.put("state", c.state().name());
        m.put("position", c.position());
        m.put("estimatedWaitSeconds", c.estimatedWaitSeconds());
        return m;
    }

    private void within(Context ctx, RequestQuota quota, PortalSession session, String what) {
        long waitMs = quota.take(session.msisdn(), clock.nowInMs());
        if (waitMs > 0) {
            long minutes = (waitMs + 59_999) / 60_000;
            ctx.header("Retry-After", String.valueOf((waitMs + 999) / 1000));
            throw new ApiException(
                    429,
                    "too_many_requests",
                    "too many " + what + " from your number in an hour; try again in " + minutes + " min");
        }
    }
}
