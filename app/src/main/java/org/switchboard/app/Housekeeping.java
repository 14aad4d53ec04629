package org.switchboard.app;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.port.Attachments;
import org.switchboard.core.port.Recordings;
import org.switchboard.core.port.SelfServiceLog;
import org.switchboard.core.port.StatisticsArchive;
import org.switchboard.core.port.UsageRecords;
import org.switchboard.core.time.Clock;
import org.switchboard.selfservice.UssdSessions;
import org.switchboard.storage.HistoryRetention;

/**
 * What the center forgets on schedule: contact histories, audit records, stored statistics and recorded conversations
 * past their retention ({@code history.retention-days}, {@code audit.retention-days}, {@code statistics.retention-days},
 * {@code recordings.retention-days}), checked at start
 * and every six hours on a thread of its own; and USSD sessions whose subscriber stopped answering, every 5 s. (The journal is retired behind snapshots by the snapshotter, not here.)
 */
final class Housekeeping implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);
    private static final long EVERY_HOURS = 6;
    private static final long DAY_MS = 86_400_000L;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "switchboard-housekeeping");
        thread.setDaemon(true);
        return thread;
    });

    private Housekeeping() {}

    @SuppressWarnings("FutureReturnValueIgnored") // forget() catches and logs its own failures
    static Housekeeping start(
            HistoryRetention retention,
            StatisticsArchive statistics,
            Recordings recordings,
            UssdSessions ussd,
            SelfServiceLog selfService,
            UsageRecords usage,
            Attachments attachments,
            Settings.Retention settings,
            Clock clock) {
        Housekeeping housekeeping = new Housekeeping();
        housekeeping.timer.scheduleWithFixedDelay(() -> sweep(ussd), 5, 5, TimeUnit.SECONDS);
        housekeeping.timer.scheduleWithFixedDelay(
                () -> {
                    forget(retention, statistics, recordings, settings, clock);
                    forgetSessions(selfService, settings, clock);
                    forgetUsage(usage, settings, clock);
                    forgetAttachments(attachments, settings, clock);
                },
                0,
                EVERY_HOURS,
                TimeUnit.HOURS);
        return housekeeping;
    }

    /** Ends the USSD sessions whose subscriber stopped answering (never throws: the timer would stop). */
    private static void sweep(UssdSessions ussd) {
        try {
            ussd.sweep();
        } catch (RuntimeException e) {
            LOG.warn("USSD sessions could not be swept: {}", e.toString());
        }
    }

    /** Self-service sessions are kept as long as contact histories (the deflection report reads both). */
    private static void forgetSessions(SelfServiceLog selfService, Settings.Retention settings, Clock clock) {
        try {
            long sessions = selfService.forgetBefore(clock.nowInMs() - settings.historyDays() * DAY_MS);
            if (sessions > 0) {
                LOG.info(
                        "Retention: forgot {} self-service sessions older than {} days",
                        sessions,
                        settings.historyDays());
            }
        } catch (RuntimeException e) {
            LOG.warn(
                    "Self-service retention did not run ({}); it will try again in {} hours",
                    e.getMessage(),
                    EVERY_HOURS);
        }
    }

    /** Itemized records go after {@code usage.retention-days}: the center's copy of billing's, for subscribers. */
    private static void forgetUsage(UsageRecords usage, Settings.Retention settings, Clock clock) {
        try {
            long records = usage.deleteBefore(clock.nowInMs() - settings.usageDays() * DAY_MS);
            if (records > 0) {
                LOG.info("Retention: forgot {} itemized records older than {} days", records, settings.usageDays());
            }
        } catch (RuntimeException e) {
            LOG.warn(
                    "Itemized-record retention did not run ({}); it will try again in {} hours",
                    e.getMessage(),
                    EVERY_HOURS);
        }
    }

    /** E-mail attachments go after {@code mail.attachment-retention-days}; the messages that named them stay. */
    private static void forgetAttachments(Attachments attachments, Settings.Retention settings, Clock clock) {
        try {
            long files = attachments.deleteBefore(clock.nowInMs() - settings.attachmentDays() * DAY_MS);
            if (files > 0) {
                LOG.info("Retention: forgot {} attachments older than {} days", files, settings.attachmentDays());
            }
        } catch (RuntimeException e) {
            LOG.warn(
                    "Attachment retention did not run ({}); it will try again in {} hours",
                    e.getMessage(),
                    EVERY_HOURS);
        }
    }

    private static void forget(
            HistoryRetention retention,
            StatisticsArchive statistics,
            Recordings recordings,
            Settings.Retention settings,
            Clock clock) {
        long now = clock.nowInMs();
        try {
            long timelines = retention.forgetTimelinesBefore(now - settings.historyDays() * DAY_MS);
            long audit = retention.forgetAuditBefore(now - settings.auditDays() * DAY_MS);
            long periods = statistics.forgetBefore(now - settings.statisticsDays() * DAY_MS);
            long recorded = recordings.forgetBefore(now - settings.recordingsDays() * DAY_MS);
            if (timelines + audit + periods + recorded > 0) {
                LOG.info(
                        "Retention: forgot {} contact-history rows older than {} days, {} audit records older than {} "
                                + "days, {} statistics periods older than {} days and {} recordings older than {} days",
                        timelines,
                        settings.historyDays(),
                        audit,
                        settings.auditDays(),
                        periods,
                        settings.statisticsDays(),
                        recorded,
                        settings.recordingsDays());
            }
        } catch (RuntimeException e) {
            LOG.warn("Retention did not run ({}); it will try again in {} hours", e.getMessage(), EVERY_HOURS);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
