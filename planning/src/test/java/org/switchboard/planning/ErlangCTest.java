package org.switchboard.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ErlangCTest {

    /**
     * The textbook example (100 calls per half hour, 3-minute calls: A = 10 Erlangs) staffed with 14 agents:
     * P(wait) 17.41 %, ASA 7.84 s, 88.8 % answered within 20 s. Reference values from the closed formula in
     * 40-digit arithmetic.
     */
    @Test
    void reproducesTheTextbookExample() {
        ErlangC model = ErlangC.of(200, 180);

        assertThat(model.offeredLoadErlangs()).isCloseTo(10, within(1e-12));
        assertThat(model.probabilityOfWaiting(14)).isCloseTo(0.174131934, within(1e-8));
        assertThat(model.averageSpeedOfAnswerSeconds(14)).isCloseTo(7.835937012, within(1e-8));
        assertThat(model.serviceLevel(14, 20)).isCloseTo(0.888350019, within(1e-8));
        assertThat(model.probabilityOfWaiting(11)).isCloseTo(0.682118205, within(1e-8));
        assertThat(model.occupancy(14)).isCloseTo(10.0 / 14, within(1e-12));
    }

    @Test
    void matchesClosedFormsForOneAndTwoAgents() {
        // M/M/1: P(wait) = ρ, ASA = ρ·AHT/(1 − ρ)
        assertThat(new ErlangC(0.6, 100).probabilityOfWaiting(1)).isCloseTo(0.6, within(1e-12));
        assertThat(new ErlangC(0.6, 100).averageSpeedOfAnswerSeconds(1)).isCloseTo(150, within(1e-9));
        // M/M/2 at ρ = 1/2: P(wait) = 2ρ²/(1 + ρ) = 1/3
        assertThat(new ErlangC(1, 180).probabilityOfWaiting(2)).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void computesErlangBByTheRecursion() {
        // B(5, 2) = (2^5/5!) / (1 + 2 + 2 + 4/3 + 2/3 + 4/15) = 0.26667 / 7.26667 = 0.036697
        assertThat(ErlangC.erlangB(5, 2)).isCloseTo(0.036697248, within(1e-8));
        assertThat(ErlangC.erlangB(10, 10)).isCloseTo(0.214582, within(1e-6));
    }

    @Test
    void staysAccurateForALargeCenter() {
        // 1,000 agents offered 950 Erlangs: factorials would overflow, the recursion does not
        ErlangC model = new ErlangC(950, 180);

        assertThat(ErlangC.erlangB(1000, 950)).isCloseTo(0.0036492937, within(1e-9));
        assertThat(model.probabilityOfWaiting(1000)).isCloseTo(0.0682534154, within(1e-9));
        assertThat(model.probabilityOfWaiting(5000)).isZero();
    }

    @Test
    void reportsAnOverloadedQueueAsAlwaysWaiting() {
        ErlangC model = new ErlangC(12, 180);

        assertThat(model.probabilityOfWaiting(12)).isEqualTo(1);
        assertThat(model.averageSpeedOfAnswerSeconds(10)).isInfinite();
        assertThat(model.serviceLevel(11, 20)).isZero();
        assertThat(model.occupancy(10)).isEqualTo(1);
    }

    @Test
    void findsTheFewestAgentsForAServiceLevel() {
        ErlangC model = ErlangC.of(200, 180);

        // 13 agents give 79.56 % within 20 s, 14 give 88.84 %
        assertThat(model.agentsForServiceLevel(0.80, 20)).isEqualTo(14);
        assertThat(model.agentsForServiceLevel(0.79, 20)).isEqualTo(13);
    }

    @Test
    void findsTheFewestAgentsForAnAsa() {
        ErlangC model = ErlangC.of(200, 180);

        // ASA: 12 agents 40.4 s, 13 agents 17.1 s, 14 agents 7.8 s
        assertThat(model.agentsForAsa(30)).isEqualTo(13);
        assertThat(model.agentsForAsa(10)).isEqualTo(14);
    }

    @Test
    void staffsALargeCenterMinimally() {
        ErlangC model = new ErlangC(950, 180);

        int agents = model.agentsForServiceLevel(0.8, 20);

        assertThat(model.serviceLevel(agents, 20)).isGreaterThanOrEqualTo(0.8);
        assertThat(model.serviceLevel(agents - 1, 20)).isLessThan(0.8);
        assertThat(agents).isBetween(951, 1000);
    }

    @Test
    void refusesImpossibleGoals() {
        ErlangC model = ErlangC.of(200, 180);

        assertThatThrownBy(() -> model.agentsForServiceLevel(1.0, 20)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> model.agentsForAsa(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ErlangC(-1, 180)).isInstanceOf(IllegalArgumentException.class);
    }
}
