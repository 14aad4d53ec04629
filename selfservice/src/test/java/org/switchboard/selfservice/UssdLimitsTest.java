package org.switchboard.selfservice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UssdLimitsTest {

    @Test
    void gsmTextCarries182SeptetsAndUcs2Only80Characters() {
        assertThat(UssdLimits.fits("a".repeat(182))).isTrue();
        assertThat(UssdLimits.fits("a".repeat(183))).isFalse();
        assertThat(UssdLimits.fits("€".repeat(91)))
                .as("an extension character is two septets")
                .isTrue();
        assertThat(UssdLimits.fits("€".repeat(92))).isFalse();
        assertThat(UssdLimits.fits("б".repeat(80))).isTrue();
        assertThat(UssdLimits.fits("б".repeat(81))).isFalse();
        assertThat(UssdLimits.fits("a".repeat(79) + "б"))
                .as("one Cyrillic letter makes all of it UCS-2")
                .isTrue();
        assertThat(UssdLimits.fits("a".repeat(80) + "б")).isFalse();
        assertThat(UssdLimits.isGsm("Balance: 1.00 RUB")).isTrue();
        assertThat(UssdLimits.isGsm("Баланс")).isFalse();
    }
}
