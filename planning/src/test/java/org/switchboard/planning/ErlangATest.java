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

    /**
     * Overload with patient callers: the crowded states' terms multiply to about e^1000 (once an overflow). Reference
     * from a 40-digit solution of the chain (planning/src/test/python/erlang_a_reference.py, mpmath): the fluid
     * limit is P(abandon) = 1 − nμ/λ, ASA ≈ ln(λ/nμ)/θ = 415.9 s, and the exact ASA is 415.798… s.
     */
    @Test
    void thousandAgentsAtTwiceTheirLoadWithTenMinutesPatience() {
        ErlangA.Prediction prediction = new ErlangA(2000, 180, 600).predict(1000);

        assertThat(prediction.probabilityOfWaiting()).isCloseTo(1, within(1e-12));
        assertThat(prediction.probabilityOfAbandoning()).isCloseTo(0.5, within(1e-12));
        assertThat(prediction.averageWaitSeconds()).isCloseTo(300, within(300 * 1e-12));
        assertThat(prediction.asaSeconds()).isCloseTo(415.79831283596714515, within(415.8 * 1e-12));
        assertThat(prediction.occupancy()).isCloseTo(1, within(1e-12));
    }

    @Test
    void tenAgentsOverloadedWithPatienceOfElevenDays() {
        ErlangA.Prediction prediction = new ErlangA(12, 180, 1e6).predict(10);

        assertThat(prediction.probabilityOfAbandoning()).isCloseTo(1 / 6.0, within(1e-12));
        assertThat(prediction.averageWaitSeconds()).isCloseTo(166666.66666666666667, within(166666.7 * 1e-12));
        assertThat(prediction.asaSeconds()).isCloseTo(182312.55682095462621, within(182312.6 * 1e-12));
    }

    /** The crowded states lie 11 million places up: the sum starts near them from the closed forms. */
    @Test
    void tenAgentsOverloadedWithPatienceOfThirtyYears() {
        assertThat(ErlangA.firstStateWorthSumming(10 * 1e9 / 180, 12 * 1e9 / 180))
                .isGreaterThan(1_000_000);

        ErlangA.Prediction prediction = new ErlangA(12, 180, 1e9).predict(10);

        assertThat(prediction.probabilityOfAbandoning()).isCloseTo(1 / 6.0, within(1e-12));
        assertThat(prediction.averageWaitSeconds()).isCloseTo(166666666.66666666667, within(1.7e8 * 1e-12));
        assertThat(prediction.asaSeconds()).isCloseTo(182321547.79395465321, within(1.8e8 * 1e-11));
    }

    @Test
    void anExtremePatienceStillAnswersWithTheFluidLimit() {
        ErlangA.Prediction prediction = new ErlangA(12, 180, 1e12).predict(10);

        assertThat(prediction.probabilityOfAbandoning()).isCloseTo(1 / 6.0, within(1e-12));
        assertThat(prediction.asaSeconds()).isCloseTo(Math.log(1.2) * 1e12, within(1e12 * 1e-6));
    }

    @Test
    void theServedWaitOfAnUnderloadedQueueIsUnchanged() {
        // the same chain as the first test: ASA of the served callers from the 40-digit solution
        assertThat(new ErlangA(12.5, 180, 60).predict(14).asaSeconds())
                .isCloseTo(4.228829519953969658659, within(4.23 * 1e-12));
    }

    @Test
    void serviceLevelBecomesErlangCsWhenCallersArePatient() {
        ErlangA patient = new ErlangA(12.5, 180, 1e9);

        assertThat(patient.serviceLevel(14, 20)).isCloseTo(new ErlangC(12.5, 180).serviceLevel(14, 20), within(1e-6));
        assertThat(patient.serviceLevel(16, 0))
                .isCloseTo(1 - new ErlangC(12.5, 180).probabilityOfWaiting(16), within(1e-6));
    }

    @Test
    void serviceLevelGrowsWithAgentsAndThreshold() {
        ErlangA model = new ErlangA(12.5, 180, 60);

        assertThat(model.serviceLevel(14, 10)).isLessThan(model.serviceLevel(14, 20));
        assertThat(model.serviceLevel(14, 20)).isLessThan(model.serviceLevel(15, 20));
        // with no threshold every answered caller counts; short abandons (at most P(wait)·P(patience < 5 s)) do not
        ErlangA.Prediction prediction = model.predict(14);
        double answered = 1 - prediction.probabilityOfAbandoning();
        double mostShortAbandons = prediction.probabilityOfWaiting() * (1 - Math.exp(-5 / 60.0));
        assertThat(model.serviceLevel(14, 1e6)).isStrictlyBetween(answered, answered / (1 - mostShortAbandons));
    }

    @Test
    void serviceLevelOfAnOverloadedCenterIsNearZeroNotAnError() {
        assertThat(new ErlangA(2000, 180, 600).serviceLevel(1000, 20)).isBetween(0.0, 1e-6);
        assertThat(new ErlangA(12, 180, 1e9).serviceLevel(10, 20)).isBetween(0.0, 1e-6);
    }
}
