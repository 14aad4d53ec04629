package org.switchboard.planning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChartAxisTest {

    @Test
    void anAxisRunsInRoundStepsToTheFirstStepAboveTheHighestValue() {
        assertThat(ChartAxis.upTo(50)).isEqualTo(new ChartAxis(50, 10));
        assertThat(ChartAxis.upTo(37)).isEqualTo(new ChartAxis(40, 10));
        assertThat(ChartAxis.upTo(12.5)).isEqualTo(new ChartAxis(15, 5));
        assertThat(ChartAxis.upTo(101)).isEqualTo(new ChartAxis(150, 50));
        assertThat(ChartAxis.upTo(1_234)).isEqualTo(new ChartAxis(1_500, 500));
        assertThat(ChartAxis.upTo(50).ticks()).containsExactly(0.0, 10.0, 20.0, 30.0, 40.0, 50.0);
        assertThat(ChartAxis.upTo(12.5).ticks().stream().map(ChartAxis.upTo(12.5)::label))
                .containsExactly("0", "5", "10", "15");
    }

    @Test
    void smallEmptyOrBrokenFiguresStillGetAReadableAxis() {
        ChartAxis small = ChartAxis.upTo(0.3);
        assertThat(small).isEqualTo(new ChartAxis(1, 0.2));
        assertThat(small.ticks().stream().map(small::label)).containsExactly("0", "0.2", "0.4", "0.6", "0.8", "1");
        assertThat(ChartAxis.upTo(Double.NaN)).isEqualTo(new ChartAxis(1, 0.2));
        assertThat(ChartAxis.upTo(Double.POSITIVE_INFINITY).top()).isEqualTo(1);
    }
}
