package org.switchboard.web;

import io.javalin.http.Context;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.switchboard.core.port.AuditRecord;
import org.switchboard.core.port.PersonalData;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.Recordings;
import org.switchboard.core.port.Role;
import org.switchboard.core.port.SelfServiceLog;
import org.switchboard.core.port.SubscriberRegistry;
import org.switchboard.core.port.UsageRecords;
import org.switchboard.core.time.Clock;

/**
 * A subscriber's personal data on their request, for administrators only: {@code GET
 * /api/v1/subscribers/{msisdn}/export} gives everything the center holds about them as one JSON document, and
 * {@code DELETE /api/v1/subscribers/{msisdn}} erases it (refused while one of their contacts is live). Both are
 * audited ({@code subscriber.export}, {@code subscriber.erase}); the audit of the erasure stays, with its own retention.
 */
final class PersonalDataRoutes {

    /** The most contacts an export or erasure reaches (a subscriber of many years has far fewer). */
    static final int MAX_CONTACTS = 100_000;

    private final Auth auth;
    private final WebStores stores;
    private final CenterGateway center;
    private final AuditTrail audit;
    private final ZoneId zone;
    private final Clock clock;

    PersonalDataRoutes(Auth auth, WebStores stores, CenterGateway center, AuditTrail audit, ZoneId zone, Clock clock) {
        this.auth = auth;
        this.stores = stores;
        this.center = center;
        this.audit = audit;
        this.zone = zone;
        this.clock = clock;
    }

    void register(RouteTable routes) {
        routes.get(SubscriberRoutes.SUBSCRIBER + "/export", this::export);
        routes.delete(SubscriberRoutes.SUBSCRIBER, this::erase);
    }

    private void export(Context ctx) {
        Principal admin = auth.require(ctx, Role.ADMIN);
        String msisdn = SubscriberRoutes.msisdn(ctx, admin, "subscriber.export", audit);
        SubscriberRegistry registry = stores.subscribers();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("msisdn", msisdn);
        body.put("exportedAt", EventJson.iso(clock.nowInMs()));
        body.put("subscriber", registry.find(msisdn).map(SubscriberRoutes::card).orElse(null));
        body.put("itemizedRecords", usage(stores.usage(), msisdn));
        List<UUID> contacts = stores.history().contactsOf(msisdn, MAX_CONTACTS);
        body.put("contacts", contacts.stream().map(this::contact).toList());
        body.put(
                "recordings",
                contacts.stream()
                        .flatMap(id -> recordings(stores.recordings(), id).stream())
                        .toList());
        body.put("selfServiceSessions", sessions(stores.selfService(), msisdn));
        body.put(
                "audit",
                audit.log().about(msisdn, 10_000).stream()
                        .map(PersonalDataRoutes::auditEntry)
                        .toList());
        audit.record(admin, "subscriber.export", msisdn, contacts.size() + " contacts");
        ctx.header("Content-Disposition", "attachment; filename=\"subscriber-" + msisdn.replace("+", "") + ".json\"");
        ctx.header("Cache-Control", "no-store");
        ctx.json(body);
    }

    /**
     * One audit record as the export shows it. Its detail may be null: the column is nullable (records written before
     * every action gave one), and a null must not fail the export ({@code Map.of} refuses one).
     */
    private static Map<String, Object> auditEntry(AuditRecord r) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("at", EventJson.iso(r.atMs()));
        entry.put("actor", r.actor());
        entry.put("action", r.action());
        entry.put("detail", r.detail());
        return entry;
    }

    private List<Map<String, Object>> usage(UsageRecords usage, String msisdn) {
        List<Map<String, Object>> records = new ArrayList<>();
        String cursor = null;
        do {
            UsageRecords.Page page = usage.page(msisdn, Long.MIN_VALUE, Long.MAX_VALUE, cursor, UsageRecords.MAX_PAGE);
            page.records().forEach(r -> records.add(UsageRoutes.json(r, zone)));
            cursor = page.next();
        } while (cursor != null);
        return records;
    }

    private Map<String, Object> contact(UUID id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id.toString());
        m.put(
                "timeline",
                stores.history().timeline(id).stream().map(EventJson::toJson).toList());
        return m;
    }

    private static List<Map<String, Object>> recordings(Recordings recordings, UUID contact) {
        return recordings.ofContact(contact).stream()
                .map(r -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", r.id().toString());
                    m.put("contactId", r.contactId().toString());
                    m.put("startedAt", EventJson.iso(r.startedAtMs()));
                    m.put("durationMs", r.durationMs());
                    return m;
                })
                .toList();
    }

    private static List<Map<String, Object>> sessions(SelfServiceLog log, String msisdn) {
        return log.sessionsOf(msisdn).stream()
                .map(s -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("channel", s.channel());
                    m.put("topic", s.topic());
                    m.put("startedAt", EventJson.iso(s.startedAtMs()));
                    m.put("endedAt", EventJson.iso(s.endedAtMs()));
                    m.put("endReason", s.endReason());
                    return m;
                })
                .toList();
    }

    private void erase(Context ctx) {
        Principal admin = auth.require(ctx, Role.ADMIN);
        String msisdn = SubscriberRoutes.msisdn(ctx, admin, "subscriber.erase", audit);
        Idempotency.refuseKey(ctx, "an erasure sent again erases nothing more: repeat it as it is");
        List<UUID> contacts = stores.history().contactsOf(msisdn, MAX_CONTACTS);
        List<String> live = contacts.stream()
                .filter(id -> center.view().contact(id).isPresent())
                .map(UUID::toString)
                .toList();
        if (!live.isEmpty()) {
            audit.record(admin, "subscriber.erase", msisdn, "refused: live contacts " + live);
            throw ApiException.conflict(
                    "the subscriber has live contacts (" + String.join(", ", live) + "); erase once they have ended");
        }
        int recordings = 0;
        for (UUID contact : contacts) { // the audio first: a failure later leaves the rest for a second try
            recordings += stores.recordings().forgetContact(contact);
        }
        PersonalData.Erased erased = stores.personalData().erase(msisdn);
        String what = (erased.subscriber() ? "the registry's record, " : "no registry record, ")
                + erased.usageRecords() + " itemized records, "
                + erased.contacts().size() + " contact timelines, "
                + recordings + " recordings, " + erased.selfServiceSessions() + " self-service sessions";
        audit.record(admin, "subscriber.erase", msisdn, what);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("msisdn", msisdn);
        body.put("subscriber", erased.subscriber());
        body.put("itemizedRecords", erased.usageRecords());
        body.put("contacts", erased.contacts().size());
        body.put("recordings", recordings);
        body.put("selfServiceSessions", erased.selfServiceSessions());
        ctx.json(body);
    }
}
