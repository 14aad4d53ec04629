package org.switchboard.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code voice.dial-out-via} and {@code voice.dial-out-prefixes}: where callbacks go, and which numbers they may. */
class DialOutTest {

    @Test
    void aSwitchIsAnIpAddressWithAPortAndATransport() {
        DialOut udp = DialOut.parse("sip:10.0.0.5", "+79");
        assertThat(udp.address().getPort()).isEqualTo(5060);
        assertThat(udp.transport()).isEqualTo("udp");
        DialOut tcp = DialOut.parse(" sip:[::1]:5070;transport=TCP ", "+79, +7495");
        assertThat(tcp.address().getAddress().isLoopbackAddress()).isTrue();
        assertThat(tcp.address().getPort()).isEqualTo(5070);
        assertThat(tcp.transport()).isEqualTo("tcp");
        assertThat(tcp.numberPrefixes()).containsExactly("+79", "+7495");
    }

    @Test
    void namesPortsOutOfRangeAndOtherSchemesAreRefused() {
        for (String wrong : new String[] {
            "switch.example.org",
            "sip:switch.example.org",
            "sip:10.0.0.5:0",
            "sip:10.0.0.5:70000",
            "sips:10.0.0.5",
            "sip:10.0.0.5;transport=tls",
            "sip:999.0.0.1",
            ""
        }) {
            assertThatThrownBy(() -> DialOut.parse(wrong, "+79"))
                    .as(wrong)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> DialOut.parse("sip:10.0.0.5", " , ")).hasMessageContaining("no number prefixes");
        assertThatThrownBy(() -> DialOut.parse("sip:10.0.0.5", "+7a")).hasMessageContaining("'+7a'");
    }

    @Test
    void onlyMobileNumbersWithAnAllowedPrefixAreDialled() {
        DialOut via = DialOut.parse("sip:10.0.0.5", "+79");
        assertThat(via.dials("+79161234567")).isTrue();
        assertThat(via.dials("+882131234567")).as("premium rate").isFalse();
        assertThat(via.dials("+7916")).as("too short").isFalse();
        assertThat(via.dials("+79161234567;x")).isFalse();
        assertThat(via.dials("89161234567"))
                .as("national format: not a listed prefix")
                .isFalse();
    }
}
