package org.switchboard.web;

import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.Role;
import org.switchboard.core.port.UsageKind;
import org.switchboard.core.port.UsageRecord;
import org.switchboard.core.port.UsageRecords;
import org.switchboard.core.time.Clock;

/**
 * {@code GET /api/v1/subscribers/{msisdn}/usage}: a line's itemized records for a date range (the center's days), a
 * page at a time with the range's totals, or the whole range as CSV. Staff read any line, an agent the subscribers of
 * its contacts; every read is audited ({@code subscriber.view-usage}). The portal shows subscribers their own through
 * the same {@link Statement}.
 */
final class UsageRoutes {

    static final int MAX_DAYS = 93;
    private static final String VIEW = "subscriber.view-usage";
    private static final String[] COLUMNS = {"at", "kind", "peer", "quantity", "unit", "cost", "currency"};
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?[0-9 ()-]*");

    private final Auth auth;
    private final UsageRecords usage;
    private final SubscriberReach reach;
    private final AuditTrail audit;
    private final ZoneId zone;
    private final Clock clock;

    UsageRoutes(Auth auth, UsageRecords usage, SubscriberReach reach, AuditTrail audit, ZoneId zone, Clock clock) {
        this.auth = auth;
        this.usage = usage;
        this.reach = reach;
        this.audit = audit;
        this.zone = zone;
        this.clock = clock;
    }

    void register(RouteTable routes) {
        routes.get(SubscriberRoutes.SUBSCRIBER + "/usage", this::show);
    }

    private void show(Context ctx) {
        Principal viewer = auth.require(ctx, Role.AGENT, Role.SUPERVISOR, Role.ADMIN);
        String msisdn = SubscriberRoutes.msisdn(ctx, viewer, VIEW, audit);
        try {
            reach.require(viewer, msisdn);
        } catch (ApiException e) {
            audit.record(viewer, VIEW, msisdn, "refused: not the subscriber of its contacts");
            throw e;
        }
        Statement statement = Statement.of(ctx, zone, clock);
        audit.record(viewer, VIEW, msisdn, statement.from() + " to " + statement.to());
        statement.answer(ctx, usage, msisdn);
    }

    /** One reading of a line's records: the range and page asked for, checked at the edge. */
    record Statement(
            LocalDate from,
            LocalDate to,
            ZoneId zone,
            @Nullable String after,
            int limit,
            boolean csv) {

        /** The request's {@code from}, {@code to} (default: this month so far), {@code after}, {@code limit}, format. */
        static Statement of(Context ctx, ZoneId zone, Clock clock) {
            LocalDate today = LocalDate.ofInstant(Instant.ofEpochMilli(clock.nowInMs()), zone);
            LocalDate from = ReportRoutes.date("from", ctx.queryParam("from"), today.withDayOfMonth(1));
            LocalDate to = ReportRoutes.date("to", ctx.queryParam("to"), today);
            long days = ChronoUnit.DAYS.between(from, to) + 1;
            if (days < 1 || days > MAX_DAYS) {
                throw ApiException.badRequest(
                        "'to' is on or after 'from', and the range is at most " + MAX_DAYS + " days");
            }
            String format = ctx.queryParam("format");
            if (format != null && !format.equals("csv") && !format.equals("json")) {
                throw ApiException.badRequest("'format' is json (the default) or csv");
            }
            String after = ctx.queryParam("after");
            if (after != null && after.length() > 40) {
                throw ApiException.badRequest("'after' is not a cursor this center gave (take a page's 'next')");
            }
            return new Statement(from, to, zone, after, limit(ctx.queryParam("limit")), "csv".equals(format));
        }

        private static int limit(@Nullable String text) {
            if (text == null) {
                return 50;
            }
            if (!text.matches("[0-9]{1,4}")
                    || Integer.parseInt(text) < 1
                    || Integer.parseInt(text) > UsageRecords.MAX_PAGE) {
                throw ApiException.badRequest("'limit' is a whole number from 1 to " + UsageRecords.MAX_PAGE);
            }
            return Integer.parseInt(text);
        }

        long fromMs() {
            return from.atStartOfDay(zone).toInstant().toEpochMilli();
        }

        long toMs() {
            return to.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        }

        /** Answers with the page and the totals as JSON, or every record of the range as CSV. */
        void answer(Context ctx, UsageRecords usage, String msisdn) {
            if (csv) {
                ctx.contentType("text/csv; charset=utf-8");
                ctx.header(
                        "Content-Disposition",
                        "attachment; filename=\"usage-" + msisdn.replace("+", "") + "-" + from + "-" + to + ".csv\"");
                ctx.result(csv(usage, msisdn));
                return;
            }
            UsageRecords.Page page = page(usage, msisdn);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("msisdn", msisdn);
            body.put("from", from.toString());
            body.put("to", to.toString());
            body.put("totals", totals(usage.totals(msisdn, fromMs(), toMs())));
            body.put("records", page.records().stream().map(this::json).toList());
            body.put("next", page.next());
            ctx.json(body);
        }

        private UsageRecords.Page page(UsageRecords usage, String msisdn) {
            try {
                return usage.page(msisdn, fromMs(), toMs(), after, limit);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("'after' is not a cursor this center gave (take a page's 'next')");
            }
        }

        private Map<String, Object> json(UsageRecord r) {
            return UsageRoutes.json(r, zone);
        }

        private static Map<String, Object> totals(Map<UsageKind, UsageRecords.Total> totals) {
            Map<String, Object> body = new LinkedHashMap<>();
            long cost = 0;
            for (UsageKind kind : UsageKind.values()) {
                UsageRecords.Total t = totals.getOrDefault(kind, new UsageRecords.Total(0, 0, 0));
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("count", t.count());
                m.put("quantity", t.quantity());
                m.put("unit", unit(kind));
                m.put("cost", BigDecimal.valueOf(t.costMinor(), 2));
                m.put("costMinor", t.costMinor());
                body.put(kind.wireName(), m);
                cost += t.costMinor();
            }
            body.put("cost", BigDecimal.valueOf(cost, 2));
            body.put("costMinor", cost);
            return body;
        }

        private String csv(UsageRecords usage, String msisdn) {
            StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append('\n');
            String cursor = null;
            do {
                UsageRecords.Page page = usage.page(msisdn, fromMs(), toMs(), cursor, UsageRecords.MAX_PAGE);
                for (UsageRecord r : page.records()) {
                    out.append(Instant.ofEpochMilli(r.atMs()).atZone(zone).toOffsetDateTime())
                            .append(',')
                            .append(r.kind().wireName())
                            .append(',')
                            .append(cell(r.peer()))
                            .append(',')
                            .append(r.quantity())
                            .append(',')
                            .append(unit(r.kind()))
                            .append(',')
                            .append(BigDecimal.valueOf(r.costMinor(), 2).toPlainString())
                            .append(',')
                            .append(r.currency())
                            .append('\n');
                }
                cursor = page.next();
            } while (cursor != null);
            return out.toString();
        }
    }

    /** One record as clients read it: its time in the center's zone, the kind, peer, quantity with its unit, cost. */
    static Map<String, Object> json(UsageRecord r, ZoneId zone) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(
                "at",
                Instant.ofEpochMilli(r.atMs()).atZone(zone).toOffsetDateTime().toString());
        m.put("kind", r.kind().wireName());
        m.put("peer", r.peer());
        m.put("quantity", r.quantity());
        m.put("unit", unit(r.kind()));
        m.put("cost", BigDecimal.valueOf(r.costMinor(), 2));
        m.put("costMinor", r.costMinor());
        m.put("currency", r.currency());
        return m;
    }

    static String unit(UsageKind kind) {
        return switch (kind) {
            case CALL -> "seconds";
            case SMS -> "messages";
            case DATA -> "bytes";
        };
    }

    /**
     * A text as one CSV field: quoted when it holds a comma, quote or line break, and with a leading apostrophe when a
     * spreadsheet would take it for a formula (a peer is whatever billing recorded); phone numbers stay as they are.
     */
    static String cell(@Nullable String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String value = text;
        char first = value.charAt(0);
        if ("=@\t\r".indexOf(first) >= 0
                || ((first == '+' || first == '-')
                        && !PLAIN_NUMBER.matcher(value).matches())) {
            value = "'" + value;
        }
        if (value.matches("(?s).*[\",\\r\\n].*")) {
            value = '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
