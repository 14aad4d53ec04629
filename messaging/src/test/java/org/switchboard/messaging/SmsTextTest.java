package org.switchboard.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SmsTextTest {

    @Test
    void theDefaultAlphabetWithAMessageClassReadsAsGsmAndEightBitDataIsNotText() throws Exception {
        byte[] balance = "BALANCE @".getBytes(SmsText.GSM_CHARSET);
        for (int coding = 0xF0; coding <= 0xF3; coding++) { // GSM 03.38: 1111 0 class, default alphabet
            assertThat(SmsText.decode((byte) coding, balance, false).text())
                    .as("data_coding 0x%x", coding)
                    .isEqualTo("BALANCE @");
        }
        assertThatThrownBy(() -> SmsText.decode((byte) 0xF4, balance, false)) // 1111 1 class: 8-bit data
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0xf4 is not text");
    }
}
