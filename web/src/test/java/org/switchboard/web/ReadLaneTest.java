package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Heavy reads are made on the lane's own platform threads, a bounded number at once; the caller gets the answer. */
class ReadLaneTest {

    private final ReadLane lane = new ReadLane("test-reads", 2);

    @AfterEach
    void close() {
        lane.close();
    }

    @Test
    void aReadAskedOnAVirtualThreadIsMadeOnOneOfTheLanesPlatformThreads() throws Exception {
        try (var handlers = Executors.newVirtualThreadPerTaskExecutor()) {
            Thread reader =
                    handlers.submit(() -> lane.answer(Thread::currentThread)).get();

            assertThat(reader.isVirtual()).isFalse();
            assertThat(reader.getName()).startsWith("test-reads-");
        }
    }

    @Test
    void aReadWaitsForItsTurnOnItsCallersThreadWithoutHoldingTheLane() throws Exception {
        CountDownLatch turnComes = new CountDownLatch(1);
        AtomicInteger turns = new AtomicInteger();
        ReadLane.Turn firstWaits = () -> {
            if (turns.incrementAndGet() == 1) {
                turnComes.await();
            }
        };
        try (ReadLane waiting = new ReadLane("waiting", 1, firstWaits);
                var handlers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<String> first = handlers.submit(() -> waiting.answer(() -> "first"));
            while (turns.get() == 0) {
                Thread.sleep(1);
            }

            assertThat(handlers.submit(() -> waiting.answer(() -> "second")).get(5, TimeUnit.SECONDS))
                    .isEqualTo("second");
            assertThat(first.isDone()).as("made before its turn came").isFalse();

            turnComes.countDown();
            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
        }
    }

    @Test
    void readsQueuedBehindASlowOneAreToldToComeBackInsteadOfWaitingInTurn() throws Exception {
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch slowEnds = new CountDownLatch(1);
        try (ReadLane short_ = new ReadLane("short", 1, ReadLane.Turn.NOW, 200);
                var handlers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<String> slow = handlers.submit(() -> short_.answer(() -> {
                slowStarted.countDown();
                try {
                    slowEnds.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return "interrupted";
                }
                return "slow";
            }));
            assertThat(slowStarted.await(5, TimeUnit.SECONDS)).isTrue(); // it holds the lane's one thread
            List<Future<String>> queued = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                queued.add(handlers.submit(() -> short_.answer(() -> "queued")));
            }

            for (Future<String> answer : queued) {
                assertThatThrownBy(() -> answer.get(5, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(ApiException.class)
                        .cause()
                        .hasFieldOrPropertyWithValue("status", 503);
            }
            assertThatThrownBy(() -> slow.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(ApiException.class);
            slowEnds.countDown(); // the slow read was not interrupted: it ends by itself, its answer unused
        }
    }

    @Test
    void aRefusalThrownByTheReadReachesTheCallerAsThrown() {
        ApiException refusal = ApiException.notFound("no queue 'x'");

        assertThatThrownBy(() -> lane.answer(() -> {
                    throw refusal;
                }))
                .isSameAs(refusal);
    }

    @Test
    void noMoreReadsAreMadeAtOnceThanTheLaneHasThreads() throws Exception {
        AtomicInteger reading = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        try (var handlers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                answers.add(handlers.submit(() -> lane.answer(() -> {
                    most.accumulateAndGet(reading.incrementAndGet(), Math::max);
                    pause();
                    return reading.decrementAndGet();
                })));
            }
            for (Future<Integer> answer : answers) {
                answer.get();
            }
        }

        assertThat(most.get()).isBetween(1, 2);
    }

    @Test
    void onceClosedTheLaneAnswersThatTheServerIsStopping() {
        lane.close();

        assertThatThrownBy(() -> lane.answer(() -> "page"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(503));
    }

    private static void pause() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
