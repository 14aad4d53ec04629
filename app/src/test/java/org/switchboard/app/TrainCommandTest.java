package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The training run of the start-up cache drives the real API; if the API changes under it, this says so. */
class TrainCommandTest {

    @Test
    void theTrainingWorkloadRunsAgainstTheRealServerAndStopsIt() {
        int code = new CommandLine(new TrainCommand()).execute("--contacts", "200", "--handled", "5");

        assertThat(code).isZero();
    }
}
