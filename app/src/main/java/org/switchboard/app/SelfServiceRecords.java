package org.switchboard.app;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.port.SelfServiceLog;
import org.switchboard.selfservice.UssdSessions;

/**
 * Writes every ended USSD session to the self-service log for the deflection report, on a thread of its own so that
 * a slow or absent database never delays a subscriber's next screen. The records are figures, not commands: when the
 * database is away or {@value #BACKLOG} wait already, a record is dropped and counted in the log.
 */
final class SelfServiceRecords implements UssdSessions.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(SelfServiceRecords.class);
    private static final int BACKLOG = 10_000;

    private final SelfServiceLog log;
    private final ThreadPoolExecutor writer = new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(BACKLOG),
            Thread.ofPlatform()
                    .name("switchboard-self-service-records")
                    .daemon(true)
                    .factory(),
            (task, pool) -> LOG.warn("A self-service record was dropped: {} wait to be written", BACKLOG));

    SelfServiceRecords(SelfServiceLog log) {
        this.log = log;
    }

    @Override
    public void ended(UssdSessions.Ended ended) {
        SelfServiceLog.Session session = ended.asRecord();
        writer.execute(() -> {
            try {
                log.record(session);
            } catch (RuntimeException e) {
                LOG.warn("A self-service record could not be written: {}", e.getMessage());
            }
        });
    }
}
