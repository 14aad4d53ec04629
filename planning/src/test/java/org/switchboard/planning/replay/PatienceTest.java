package org.switchboard.planning.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PatienceTest {

    @Test
    void kaplanMeierOfASmallSampleAsByHand() {
        // waits 10 (hang-up), 20 (answered), 30 (hang-up), 30 (answered), 40 (hang-up), 50 (answered)
        Patience p = Patience.estimate(
                new long[] {10, 20, 30, 30, 40, 50}, new boolean[] {true, false, true, false, true, false});
        assertThat(p.survival(9)).isEqualTo(1.0);
        assertThat(p.survival(10)).isCloseTo(5.0 / 6, within(1e-12));
        // at 30: 4 at risk (20 has left), 1 hang-up; the answer at 30 still counts as at risk
        assertThat(p.survival(30)).isCloseTo(5.0 / 6 * 3 / 4, within(1e-12));
        assertThat(p.survival(45)).isCloseTo(5.0 / 6 * 3 / 4 * 1 / 2, within(1e-12));
        assertThat(p.hangUpTimes()).isEqualTo(3);
    }

    @Test
    void drawsLongerThanTheWaitAlreadyServed() {
        Patience p = Patience.estimate(
                new long[] {10, 20, 30, 30, 40, 50}, new boolean[] {true, false, true, false, true, false});
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 1_000; i++) {
            long drawn = p.draw(35, random);
            assertThat(drawn).isGreaterThan(35);
        }
    }

    @Test
    void recoversExponentialPatienceFromHeavilyCensoredWaits() {
        // patience exponential, mean 100 s; waits cut short by answers (exponential, mean 50 s): two thirds censored
        SplittableRandom random = new SplittableRandom(7);
        int n = 200_000;
        long[] waits = new long[n];
        boolean[] abandoned = new boolean[n];
        for (int i = 0; i < n; i++) {
            long patience = Math.round(-100_000 * Math.log(1 - random.nextDouble()));
            long answer = Math.round(-50_000 * Math.log(1 - random.nextDouble()));
            abandoned[i] = patience < answer;
            waits[i] = Math.min(patience, answer);
        }
        Patience p = Patience.estimate(waits, abandoned);
        assertThat(p.survival(100_000)).isCloseTo(Math.exp(-1), within(0.01));
        assertThat(p.survival(200_000)).isCloseTo(Math.exp(-2), within(0.01));
        // drawn given more than 60 s: memoryless, so the mean is 60 + 100 s
        double sum = 0;
        for (int i = 0; i < 20_000; i++) {
            sum += p.draw(60_000, random);
        }
        assertThat(sum / 20_000).isCloseTo(160_000, within(6_000.0));
    }

    @Test
    void nobodyHungUpSoNobodyWill() {
        Patience p = Patience.estimate(new long[] {10, 20}, new boolean[] {false, false});
        assertThat(p.draw(5, new SplittableRandom(1))).isNegative();
    }
}
