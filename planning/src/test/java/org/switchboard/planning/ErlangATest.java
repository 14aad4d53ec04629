package org.switchboard.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ErlangATest {

    /**
     * 14 agents, 12.5 Erlangs, AHT 180 s, mean patience 60 s. Reference from an independent solution of the same
     * birth-death chain in 40-digit arithmetic (P(abandon) from θ·E[Lq]/λ).
     */
    @Test
    void matchesAnIndependentSolutionOfTheChain() {
        ErlangA.Prediction prediction = new ErlangA(12.5, 180, 60).predict(14);

        assertThat(prediction.probabilityOfWaiting()).isCloseTo(0.2906938947, within(1e-9));
        assertThat(prediction.probabilityOfAbandoning()).isCloseTo(0.0881030412, within(1e-9));
        assertThat(prediction.averageWaitSeconds()).isCloseTo(5.2861824722, within(1e-8));
    }

    @Test
    void satisfiesLittlesLawForTheAbandons() {
        // callers leave the queue at rate θ·E[Lq], so P(abandon) = E[wait of all] / mean patience
        ErlangA.Prediction prediction = new ErlangA(48, 240, 120).predict(50);

        assertThat(prediction.probabilityOfAbandoning())
                .isCloseTo(prediction.averageWaitSeconds() / 120, within(1e-12));
        assertThat(prediction.probabilityOfAbandoning()).isCloseTo(0.0480217742, within(1e-9));
    }

    @Test
    void becomesErlangCWhenCallersArePatient() {
        ErlangA.Prediction prediction = new ErlangA(12.5, 180, 1e9).predict(14);
        ErlangC erlangC = new ErlangC(12.5, 180);

        assertThat(prediction.probabilityOfWaiting()).isCloseTo(erlangC.probabilityOfWaiting(14), within(1e-5));
        assertThat(prediction.asaSeconds()).isCloseTo(erlangC.averageSpeedOfAnswerSeconds(14), within(0.01));
        assertThat(prediction.probabilityOfAbandoning()).isLessThan(1e-6);
    }

    @Test
    void staysStableAboveCapacity() {
        // 12 Erlangs on 10 agents: Erlang C has no steady state, Erlang A sheds the excess by abandonment
        ErlangA.Prediction prediction = new ErlangA(12, 180, 60).predict(10);

        assertThat(prediction.probabilityOfAbandoning()).isBetween(1 - 10 / 12.0, 1.0);
        assertThat(prediction.occupancy()).isLessThanOrEqualTo(1);
        assertThat(prediction.asaSeconds()).isPositive().isFinite();
    }

    @Test
    void waitsLessThanErlangCBecauseCallersAheadLeave() {
        ErlangA.Prediction prediction = new ErlangA(12.5, 180, 60).predict(14);

        assertThat(prediction.asaSeconds()).isLessThan(new ErlangC(12.5, 180).averageSpeedOfAnswerSeconds(14));
    }
}
