package org.switchboard.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.switchboard.core.message.Command;
import org.switchboard.core.model.ServiceLevelTarget;
import org.switchboard.core.port.Planning.StaffedInterval;

class VirtualCenterTest {

    /**
     * 200,000 callers through 10 agents, a third of them answered after their patience timer was set: the center
     * reuses the slots of ended contacts, so it needs as many as the most contacts at once, and a due hang-up of an
     * answered caller never touches the caller that took the slot over (every caller is answered or abandoned once);
     * the agents' interval figures, which nothing in planning reads, are not kept for the whole run either.
     */
    @Test
    void memoryIsBoundedByTheContactsInTheCenterNotByTheContactsSimulated() {
        SplittableRandom random = new SplittableRandom(3);
        long startMs = Simulator.START_MS;
        long[] clock = {startMs};
        int[] left = {200_000};
        VirtualCenter.Callers callers = next -> {
            if (left[0]-- == 0) {
                return false;
            }
            clock[0] += Math.round(-360 * Math.log(1 - random.nextDouble())); // 10,000 an hour
            next.atMs = clock[0];
            next.queue = 0;
            next.handleMs = Math.round(-3_300 * Math.log(1 - random.nextDouble())); // load 9.2 on 10 agents
            next.patienceMs = Math.max(1, Math.round(-20_000 * Math.log(1 - random.nextDouble())));
            return true;
        };
        long[] ended = new long[2];
        VirtualCenter.Watcher watcher = new VirtualCenter.Watcher() {
            @Override
            public void answered(int contact, int queue, long queuedAtMs, long waitMs, long handleMs) {
                ended[0]++;
            }

            @Override
            public void abandoned(int contact, int queue, long queuedAtMs, long waitMs) {
                ended[1]++;
            }
        };
        QueueRoster roster =
                new QueueRoster(List.of("q"), List.of(new StaffedInterval(startMs, "q", 10)), 30L * 24 * 3_600_000);
        VirtualCenter center = new VirtualCenter(
                List.of("q"),
                Map.of("q", new ServiceLevelTarget(20, 80, 20)),
                ZoneOffset.UTC,
                callers,
                roster.roster(),
                watcher,
                startMs);
        List<Command> setup = new ArrayList<>(roster.setup(20, q -> 33));
        center.run(setup, startMs, Long.MAX_VALUE);

        assertThat(ended[0] + ended[1]).isEqualTo(200_000);
        assertThat(ended[0]).isBetween(150_000L, 199_000L);
        assertThat(ended[1]).isGreaterThan(1_000);
        assertThat(center.slots()).isLessThan(200);
        assertThat(center.statistics()
                        .centerTotal(startMs, clock[0] + 86_400_000)
                        .offered())
                .isEqualTo(200_000);
        // the queues' figures are kept for the whole run, the agents' not at all (nothing in planning reads them)
        assertThat(center.statistics()
                        .queueTotal("q", startMs, startMs + 3_600_000)
                        .offered())
                .isPositive();
        assertThat(center.statistics().agentIds()).isEmpty();
    }

    /** A row for a queue the roster does not have is refused in words (it was a NullPointerException in roster()). */
    @Test
    void aRosterRowForAQueueItDoesNotHaveIsRefused() {
        long startMs = Simulator.START_MS;
        List<StaffedInterval> rows =
                List.of(new StaffedInterval(startMs, "q", 2), new StaffedInterval(startMs, "other", 3));

        assertThatThrownBy(() -> new QueueRoster(List.of("q"), rows, 1_800_000).roster())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("queue 'other'");
    }
}
