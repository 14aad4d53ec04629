package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two large bodies are read at a time; a third (or one of no declared length) is 503 busy before its reader runs, small
 * ones always go through, and a place is given back when a reading ends, also by failing. The readers here hold their
 * places until told to finish, so nothing depends on how fast sockets or threads are.
 */
class LargeBodyGateTest {

    private static final long LARGE = 1 << 20;
    private final LargeBodyGate gate = new LargeBodyGate(LARGE, 2);

    @Test
    void aThirdLargeBodyIsBusyWhileTwoAreReadAndSmallOnesGoThrough() throws Exception {
        CountDownLatch reading = new CountDownLatch(2);
        CountDownLatch finish = new CountDownLatch(1);
        try (ExecutorService readers = Executors.newFixedThreadPool(2)) {
            Future<String> first = readers.submit(() -> gate.read(2 * LARGE, () -> hold(reading, finish)));
            Future<String> second = readers.submit(() -> gate.read(LARGE + 1, () -> hold(reading, finish)));
            assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();

            for (long length : new long[] {LARGE + 1, -1}) {
                assertThatThrownBy(() -> gate.read(length, () -> "read"))
                        .isInstanceOfSatisfying(ApiException.class, e -> {
                            assertThat(e.status()).isEqualTo(503);
                            assertThat(e.code()).isEqualTo("busy");
                            assertThat(e.getMessage()).contains("2 large bodies are being read");
                        });
            }
            assertThat(gate.read(LARGE, () -> "small")).isEqualTo("small");
            assertThat(gate.read(0, () -> "empty")).isEqualTo("empty");

            finish.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("held");
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("held");
        }
        assertThat(gate.read(2 * LARGE, () -> "read")).isEqualTo("read");
    }

    @Test
    void aReadingThatFailsGivesItsPlaceBack() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> gate.read(-1, () -> {
                        throw ApiException.badRequest("not JSON");
                    }))
                    .hasMessageContaining("not JSON");
        }

        assertThat(gate.read(-1, () -> "read")).isEqualTo("read");
    }

    private static String hold(CountDownLatch reading, CountDownLatch finish) {
        reading.countDown();
        try {
            assertThat(finish.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return "held";
    }
}
