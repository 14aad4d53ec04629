package org.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.switchboard.core.port.CodeWordAttempts.MAX_FAILURES;
import static org.switchboard.core.port.CodeWordAttempts.WINDOW_IN_MS;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.switchboard.core.port.CodeWordAttempts;
import org.switchboard.core.time.ManualClock;

@ParameterizedClass
@EnumSource(Backend.class)
class CodeWordAttemptsTest extends BackendTest {

    private static final String IVAN = "+79120000001";
    private static final String OLGA = "+79120000002";
    private static final long MINUTE_IN_MS = 60_000;

    private final ManualClock clock = new ManualClock(Samples.T0);
    private CodeWordAttempts attempts;

    @BeforeEach
    void openAttempts() {
        attempts = database.codeWordAttempts(clock);
    }

    @Test
    void concurrentChecksOfOneLineReserveExactlyTheLimit() throws Exception {
        int guesses = 50;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> reserved = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(guesses)) {
            for (int i = 0; i < guesses; i++) {
                reserved.add(threads.submit(() -> {
                    start.await();
                    return attempts.reserve(IVAN);
                }));
            }
            start.countDown();
        }

        int granted = 0;
        for (Future<Boolean> each : reserved) {
            granted += each.get() ? 1 : 0;
        }
        assertThat(granted).isEqualTo(MAX_FAILURES);
    }

    @Test
    void nodesOnTheSameDatabaseShareTheCount() {
        CodeWordAttempts otherNode = database.codeWordAttempts(clock);
        for (int i = 0; i < MAX_FAILURES; i++) {
            assertThat((i % 2 == 0 ? attempts : otherNode).reserve(IVAN)).isTrue();
        }

        assertThat(attempts.reserve(IVAN)).isFalse();
        assertThat(otherNode.reserve(IVAN)).isFalse();
    }

    @Test
    void theLimitSurvivesReopeningTheDatabase() {
        reserveTheLimit(IVAN);

        CodeWordAttempts afterRestart = fixture.reopen().codeWordAttempts(clock);

        assertThat(afterRestart.reserve(IVAN)).isFalse();
        assertThat(afterRestart.reserve(OLGA)).isTrue();
    }

    @Test
    void aCorrectCodeWordClearsTheCount() {
        for (int i = 0; i < MAX_FAILURES - 1; i++) {
            attempts.reserve(IVAN);
        }
        assertThat(attempts.reserve(IVAN)).isTrue();

        attempts.succeeded(IVAN);

        reserveTheLimit(IVAN);
        assertThat(attempts.reserve(IVAN)).isFalse();
    }

    @Test
    void eachFailureLeavesTheWindowFifteenMinutesAfterItWasMade() {
        for (int i = 0; i < MAX_FAILURES; i++) {
            assertThat(attempts.reserve(IVAN)).isTrue();
            clock.advanceByMs(MINUTE_IN_MS);
        }
        clock.setMs(Samples.T0 + WINDOW_IN_MS - 1);
        assertThat(attempts.reserve(IVAN)).isFalse();

        clock.setMs(Samples.T0 + WINDOW_IN_MS);
        assertThat(attempts.reserve(IVAN)).isTrue();
        assertThat(attempts.reserve(IVAN)).isFalse();

        clock.setMs(Samples.T0 + WINDOW_IN_MS + MINUTE_IN_MS);
        assertThat(attempts.reserve(IVAN)).isTrue();
    }

    @Test
    void aRefusedCheckIsNotCountedAndDoesNotProlongTheBlock() {
        reserveTheLimit(IVAN);
        clock.advanceByMs(WINDOW_IN_MS - 1);
        assertThat(attempts.reserve(IVAN)).isFalse();

        clock.advanceByMs(1);

        reserveTheLimit(IVAN);
    }

    @Test
    void linesAreCountedSeparately() {
        reserveTheLimit(IVAN);

        reserveTheLimit(OLGA);
        assertThat(attempts.reserve(IVAN)).isFalse();
    }

    @Test
    void refusesAnMsisdnWiderThanTheColumn() {
        String tooLong = "+" + "7".repeat(JdbcCodeWordAttempts.MAX_MSISDN_LENGTH);

        assertThatThrownBy(() -> attempts.reserve(tooLong)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> attempts.succeeded(tooLong)).isInstanceOf(IllegalArgumentException.class);
    }

    private void reserveTheLimit(String msisdn) {
        for (int i = 0; i < MAX_FAILURES; i++) {
            assertThat(attempts.reserve(msisdn))
                    .as("reservation %d of %s", i + 1, msisdn)
                    .isTrue();
        }
    }
}
