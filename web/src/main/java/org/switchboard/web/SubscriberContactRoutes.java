package org.switchboard.web;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.switchboard.core.message.Event;
import org.switchboard.core.port.ContactHistory;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.Role;
import org.switchboard.core.view.ContactView;

/**
 * {@code GET /api/v1/subscribers/{msisdn}/contacts}: the subscriber's last contacts on any channel with how each ended
 * (or its state while live; a callback waiting for its time is {@code SCHEDULED} with {@code dueAt}), newest first, for
 * the card on the operator's desk. Agents see the subscribers of their own contacts only ({@link SubscriberReach});
 * every read is audited ({@code subscriber.contacts}). Timelines come from the database on the history lane.
 */
final class SubscriberContactRoutes {

    private static final String ACTION = "subscriber.contacts";
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 50;

    private final Auth auth;
    private final CenterGateway center;
    private final ContactHistory history;
    private final SubscriberReach reach;
    private final AuditTrail audit;
    private final ReadLane historyReads;

    SubscriberContactRoutes(
            Auth auth,
            CenterGateway center,
            ContactHistory history,
            SubscriberReach reach,
            AuditTrail audit,
            ReadLane historyReads) {
        this.auth = auth;
        this.center = center;
        this.history = history;
        this.reach = reach;
        this.audit = audit;
        this.historyReads = historyReads;
    }

    void register(RouteTable routes) {
        routes.get("/api/v1/subscribers/{msisdn}/contacts", this::list);
    }

    private void list(Context ctx) {
        Principal viewer = auth.require(ctx, Role.AGENT, Role.SUPERVISOR, Role.ADMIN);
        String msisdn = SubscriberRoutes.msisdn(ctx, viewer, ACTION, audit);
        int limit = Limits.of(ctx, DEFAULT_LIMIT, MAX_LIMIT);
        historyReads.json(ctx, () -> {
            try {
                reach.require(viewer, msisdn);
            } catch (ApiException e) {
                audit.record(viewer, ACTION, msisdn, "refused: not the subscriber of its contacts");
                throw e;
            }
            List<Map<String, Object>> contacts = new ArrayList<>();
            for (UUID id : history.contactsOf(msisdn, limit)) {
                contacts.add(summary(center, id, history.timeline(id)));
            }
            audit.record(viewer, ACTION, msisdn, contacts.size() + " shown");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("msisdn", msisdn);
            body.put("contacts", contacts);
            return body;
        });
    }

    /** One contact as the card lists it: how it began, and how it ended or where it is now. */
    static Map<String, Object> summary(CenterGateway center, UUID id, List<Event.ContactEvent> timeline) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", id.toString());
        String state = "QUEUED";
        String agent = null;
        Long dueAtMs = null;
        for (Event.ContactEvent event : timeline) {
            switch (event) {
                case Event.ContactCreated e -> {
                    s.put("channel", e.channel().wireName());
                    s.put("queue", e.queueId());
                    s.put("createdAt", EventJson.iso(e.atMs()));
                }
                case Event.ContactScheduled e -> dueAtMs = e.dueAtMs();
                case Event.ContactConnected e -> agent = e.agentId();
                case Event.ContactEnded e -> {
                    state = e.state().name();
                    s.put("endedAt", EventJson.iso(e.atMs()));
                    s.put("reason", e.reason());
                    s.put("disposition", e.disposition());
                    agent = e.agentId() != null ? e.agentId() : agent;
                }
                default -> {}
            }
        }
        Optional<ContactView> live = center.view().contact(id);
        if (live.isPresent()) {
            state = live.get().state().name();
            agent = live.get().agentId() != null ? live.get().agentId() : agent;
        }
        s.put("state", state);
        s.put("agent", agent);
        s.put("dueAt", "SCHEDULED".equals(state) && dueAtMs != null ? EventJson.iso(dueAtMs) : null);
        s.putIfAbsent("endedAt", null);
        s.putIfAbsent("reason", null);
        s.putIfAbsent("disposition", null);
        return s;
    }
}
