package org.switchboard.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The estimator alone, fed by hand: what it learns from the line, how little one caller moves it, and that its
 * state taken and restored carries on exactly as the original.
 */
class WaitEstimatorTest {

    private static final long START_MS = 1_700_000_000_000L;

    @Test
    void beforeAnyContactIsServedTheEstimateIsThePlannedHandleTimeOverTheStaffedSlots() {
        WaitEstimator estimator = new WaitEstimator(90);

        assertThat(estimator.expectedWaitSeconds(3, START_MS, 2)).isCloseTo(3 * 90 / 2.0, within(1e-9));
    }

    @Test
    void theObservedPaceOfTheLineReplacesThePlan() {
        WaitEstimator estimator = new WaitEstimator(300);
        long nowMs = serveEvery(estimator, START_MS, 10_000, 10_000, 4);

        assertThat(estimator.serviceRatePerSecond(nowMs, 4)).isCloseTo(0.1, within(1e-6));
        assertThat(estimator.expectedWaitSeconds(5, nowMs, 4)).isCloseTo(50, within(0.05));
    }

    @Test
    void thePaceScalesWithTheSlotsStaffedNow() {
        WaitEstimator estimator = new WaitEstimator(300);
        long nowMs = serveEvery(estimator, START_MS, 10_000, 10_000, 4);

        assertThat(estimator.expectedWaitSeconds(5, nowMs, 8)).isCloseTo(25, within(0.05));
    }

    @Test
    void aLineThatStopsMovingLooksSlowerTheLongerItStands() {
        WaitEstimator estimator = new WaitEstimator(300);
        long nowMs = serveEvery(estimator, START_MS, 10_000, 2_000, 4);

        double later = estimator.expectedWaitSeconds(1, nowMs + 600_000, 4);

        assertThat(later).isGreaterThan(estimator.expectedWaitSeconds(1, nowMs, 4) * 1.2);
    }

    @Test
    void callersHangingUpAheadShortenTheWaitOfThoseWhoAreAnswered() {
        WaitEstimator estimator = new WaitEstimator(300);
        long nowMs = START_MS;
        estimator.lineChanged(nowMs, 2, 1);
        for (int i = 0; i < 2_000; i++) {
            nowMs += 30_000;
            estimator.left(nowMs, true, 2, 1); // one hangs up and another joins: one abandon per 120 s waited
            nowMs += 30_000;
            estimator.served(nowMs, true, 2, 1); // one served per 60 s
        }

        double theta = 1 / 120.0;
        double r = 1 / 60.0;
        assertThat(estimator.abandonRatePerSecond(nowMs)).isCloseTo(theta, within(theta * 0.01));
        assertThat(estimator.expectedWaitSeconds(3, nowMs, 1))
                .isCloseTo(1 / (r + theta) + 1 / (r + 2 * theta) + 1 / (r + 3 * theta), within(1.0));
    }

    @Test
    void contactsLeavingForOtherReasonsAreNotCountedAsHangingUp() {
        WaitEstimator estimator = new WaitEstimator(300);
        estimator.lineChanged(START_MS, 3, 1);

        estimator.left(START_MS + 60_000, false, 2, 1);

        assertThat(estimator.abandonRatePerSecond(START_MS + 60_000)).isZero();
    }

    @Test
    void oneOddCallerMovesTheEstimateByLittle() {
        WaitEstimator estimator = new WaitEstimator(300);
        long nowMs = START_MS;
        estimator.lineChanged(nowMs, 1, 1);
        for (int i = 0; i < 2_000; i++) {
            nowMs += 20_000;
            estimator.served(nowMs, true, 1, 1);
            nowMs += 20_000;
            estimator.left(nowMs, true, 1, 1);
        }
        double before = estimator.expectedWaitSeconds(4, nowMs, 1);

        estimator.left(nowMs + 1, true, 1, 1); // hung up after a millisecond
        estimator.served(nowMs + 2, true, 1, 1); // and the next one answered a millisecond later

        assertThat(estimator.expectedWaitSeconds(4, nowMs + 2, 1)).isCloseTo(before, within(before * 0.03));
    }

    @Test
    void anOfferToAFreeAgentTeachesNothingAboutTheLine() {
        WaitEstimator estimator = new WaitEstimator(90);
        WaitEstimator.State before = estimator.state();

        estimator.served(START_MS, false, 0, 2);

        assertThat(estimator.state().starts()).isEqualTo(before.starts());
        assertThat(estimator.expectedWaitSeconds(1, START_MS, 2)).isCloseTo(45, within(1e-9));
    }

    @Test
    void estimatingChangesNothing() {
        WaitEstimator estimator = new WaitEstimator(300);
        long nowMs = serveEvery(estimator, START_MS, 100, 2_000, 4);
        WaitEstimator.State before = estimator.state();

        estimator.expectedWaitSeconds(7, nowMs + 5_000, 3);

        assertThat(estimator.state()).isEqualTo(before);
    }

    @Test
    void theHandleTimeIsSmoothedOverAboutFiftyContacts() {
        WaitEstimator estimator = new WaitEstimator(100);

        estimator.handled(200);

        assertThat(estimator.averageHandleSeconds()).isCloseTo(102, within(1e-9));
    }

    @Test
    void aLongLineIsSummedInClosedFormToWithinABillionth() {
        for (double theta : new double[] {0.013, 1.0 / 60, 2.5}) {
            for (int k : new int[] {1, 32, 33, 40, 5_000}) {
                double exact = 0;
                for (int j = 1; j <= k; j++) {
                    exact += 1 / (0.4 + j * theta);
                }

                assertThat(WaitEstimator.sumOfStages(0.4, theta, k))
                        .as("θ %s, k %s", theta, k)
                        .isCloseTo(exact, within(exact * 1e-9));
            }
        }
        assertThat(WaitEstimator.sumOfStages(0.4, 0, 5_000)).isEqualTo(5_000 / 0.4);
    }

    @Test
    void aRestoredEstimatorAnswersAndEvolvesExactlyLikeTheOriginal() {
        SplittableRandom random = new SplittableRandom(7);
        WaitEstimator original = new WaitEstimator(180);
        long nowMs = START_MS;
        for (int i = 0; i < 5_000; i++) {
            Happening next = Happening.random(random, nowMs);
            next.feed(original);
            nowMs = next.atMs();
        }
        WaitEstimator.State taken = original.state();

        WaitEstimator restored = WaitEstimator.restore(taken);

        assertThat(restored.state()).isEqualTo(taken);
        for (int i = 0; i < 5_000; i++) {
            long askedAtMs = nowMs + random.nextInt(10_000);
            int staffed = 1 + random.nextInt(20);
            int position = 1 + random.nextInt(100);
            assertThat(restored.expectedWaitSeconds(position, askedAtMs, staffed))
                    .isEqualTo(original.expectedWaitSeconds(position, askedAtMs, staffed));
            Happening next = Happening.random(random, nowMs);
            next.feed(original);
            next.feed(restored);
            nowMs = next.atMs();
        }
        assertThat(restored.state()).isEqualTo(original.state());
    }

    /** A line that always holds one contact, served every {@code gapMs}; returns the time of the last start. */
    private static long serveEvery(WaitEstimator estimator, long fromMs, int starts, long gapMs, int staffed) {
        long nowMs = fromMs;
        estimator.lineChanged(nowMs, 1, staffed);
        for (int i = 0; i < starts; i++) {
            nowMs += gapMs;
            estimator.served(nowMs, true, 1, staffed);
        }
        return nowMs;
    }

    /** One thing happening to the line: {@code kind} 0 a change, 1 a start, 2 a departure, 3 a completion. */
    private record Happening(int kind, long atMs, int waiting, int staffed, boolean flag, double seconds) {

        static Happening random(SplittableRandom random, long afterMs) {
            return new Happening(
                    random.nextInt(4),
                    afterMs + random.nextInt(5_000),
                    random.nextInt(30),
                    random.nextInt(12),
                    random.nextBoolean(),
                    random.nextDouble() * 600);
        }

        void feed(WaitEstimator estimator) {
            switch (kind) {
                case 0 -> estimator.lineChanged(atMs, waiting, staffed);
                case 1 -> estimator.served(atMs, flag, waiting, staffed);
                case 2 -> estimator.left(atMs, flag, waiting, staffed);
                default -> estimator.handled(seconds);
            }
        }
    }
}
