package org.switchboard.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NumberPlanTest {

    private static final byte UNKNOWN = 0;
    private final NumberPlan russia = NumberPlan.RUSSIA;

    @Test
    void everyFormOfOneSubscribersNumberIsOneMsisdn() {
        assertThat(russia.international("79120000001", NumberPlan.TON_INTERNATIONAL))
                .isEqualTo("+79120000001");
        assertThat(russia.international("79120000001", UNKNOWN)).isEqualTo("+79120000001");
        assertThat(russia.international("89120000001", UNKNOWN)).isEqualTo("+79120000001");
        assertThat(russia.international("9120000001", UNKNOWN)).isEqualTo("+79120000001");
        assertThat(russia.international("9120000001", NumberPlan.TON_NATIONAL)).isEqualTo("+79120000001");
        assertThat(russia.international("+79120000001", UNKNOWN)).isEqualTo("+79120000001");
    }

    @Test
    void shortNumbersAndForeignFormsStayAsTheyCame() {
        assertThat(russia.international("111", UNKNOWN)).isEqualTo("111");
        assertThat(russia.international("0611", UNKNOWN)).isEqualTo("0611");
        assertThat(russia.international("4930123456789", UNKNOWN)).isEqualTo("4930123456789");
        assertThat(russia.international("4930123456789", NumberPlan.TON_INTERNATIONAL))
                .isEqualTo("+4930123456789");
    }

    @Test
    void aPlanThatCannotBeIsRefusedWithTheKeyToMend() {
        assertThatThrownBy(() -> new NumberPlan("07", 10, "8")).hasMessageContaining("sms.country-code");
        assertThatThrownBy(() -> new NumberPlan("7", 30, "8")).hasMessageContaining("sms.national-number-length");
        assertThatThrownBy(() -> new NumberPlan("7", 10, "x")).hasMessageContaining("sms.trunk-prefix");
    }
}
