package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A pid file names a process by its pid and start: readings of one start that differ by a clock adjustment are the same
 * process; a start minutes later is another process that reuses the pid.
 */
class PidFileTest {

    @Test
    void aStartReadAfterAClockStepIsTheSameProcessAndALaterOneIsNot() {
        assertThat(PidFile.sameStart("2026-12-03T18:00:00.120Z", "2026-12-03T18:00:00.120Z"))
                .isTrue();
        assertThat(PidFile.sameStart("2026-12-03T18:00:00.120Z", "2026-12-03T18:00:03.410Z"))
                .as("boot time read again after the clock was stepped")
                .isTrue();
        assertThat(PidFile.sameStart("2026-12-03T18:00:00.120Z", "2026-12-03T18:05:00Z"))
                .isFalse();
        assertThat(PidFile.sameStart("garbage", "garbage")).isTrue();
        assertThat(PidFile.sameStart("garbage", "2026-12-03T18:00:00Z")).isFalse();
    }
}
