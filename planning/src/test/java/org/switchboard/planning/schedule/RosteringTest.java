package org.switchboard.planning.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RosteringTest {

    /**
     * From a probe: the API answered 503 at its budget, but handing a month of thousands of agents' shifts to agents
     * went on for minutes on a planning thread. Now an interrupt stops it within a shift.
     */
    @Test
    void anInterruptStopsHandingOutShifts() throws Exception {
        List<Schedule.Shift> shifts = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            shifts.add(
                    new Schedule.Shift(0, (i * 7) % (7 * 1_440 - 480) / 30 * 30, ShiftPattern.EIGHT_HOURS, new int[0]));
        }
        Schedule.Rules rules = new Schedule.Rules(List.of(ShiftPattern.EIGHT_HOURS), 11, 40);
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread rostering = Thread.ofPlatform().start(() -> {
            try {
                Rostering.assign(shifts, 7 * 1_440, rules);
                ended.set(new AssertionError("finished before it was stopped"));
            } catch (Throwable e) {
                ended.set(e);
            }
        });

        Thread.sleep(500);
        rostering.interrupt();
        rostering.join(2_000);

        assertThat(rostering.isAlive())
                .as("still rostering 2 s after the interrupt")
                .isFalse();
        assertThat(ended.get()).isInstanceOf(CancellationException.class);
    }
}
