package org.switchboard.planning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Figures as the planning commands and the API print them: six significant digits, never a changed value. */
class NumberFormatTest {

    @Test
    void sixSignificantDigitsWithoutTrailingZerosAfterThePointOnly() {
        assertThat(PlanningCsv.format(4.62985e-10)).isEqualTo("4.62985e-10"); // was 4.62985e-1: the exponent's 0 cut
        assertThat(PlanningCsv.format(1.5e-20)).isEqualTo("1.5e-20");
        assertThat(PlanningCsv.format(100000.4)).isEqualTo("100000"); // was 1: the integer part's zeros cut
        assertThat(PlanningCsv.format(2.5e20)).isEqualTo("2.5e+20");
        assertThat(PlanningCsv.format(0.25)).isEqualTo("0.25");
        assertThat(PlanningCsv.format(0.0001)).isEqualTo("0.0001");
        assertThat(PlanningCsv.format(-12.5)).isEqualTo("-12.5");
        assertThat(PlanningCsv.format(1.0 / 3)).isEqualTo("0.333333");
        assertThat(PlanningCsv.format(42)).isEqualTo("42");
    }

    @Test
    void jsonAnswersPrintTheSameFigures() {
        String json = new Json()
                .field("probAbandon", 4.62985e-10)
                .field("x", 100000.4)
                .toString();

        assertThat(json).isEqualTo("{\"probAbandon\":4.62985e-10,\"x\":100000}");
        for (double d : new double[] {4.62985e-10, 1.5e-20, 100000.4, 123.456, 9.99999e-5}) {
            assertThat(Double.parseDouble(PlanningCsv.format(d)))
                    .isCloseTo(d, org.assertj.core.data.Percentage.withPercentage(1e-3));
        }
    }
}
