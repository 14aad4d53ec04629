package org.switchboard.voice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Keys in SIP INFO bodies, as phones and switches send them. */
class DtmfTest {

    @Test
    void relayAndPlainBodiesNameOneKey() {
        assertThat(Dtmf.fromRelay("Signal=5\r\nDuration=160\r\n")).isEqualTo('5');
        assertThat(Dtmf.fromRelay("signal = #\nDuration=100")).isEqualTo('#');
        assertThat(Dtmf.fromRelay("Signal=10\r\n")).isEqualTo('*');
        assertThat(Dtmf.fromRelay("Signal=11\r\n")).isEqualTo('#');
        assertThat(Dtmf.fromDigit(" a\r\n")).isEqualTo('A');
    }

    @Test
    void anythingElseNamesNone() {
        assertThat(Dtmf.fromRelay("Duration=160")).isNull();
        assertThat(Dtmf.fromRelay("Signal=55")).isNull();
        assertThat(Dtmf.fromRelay("Signal=")).isNull();
        assertThat(Dtmf.fromRelay("Signal=1\n".repeat(100))).isNull();
        assertThat(Dtmf.fromDigit("12")).isNull();
        assertThat(Dtmf.fromDigit("")).isNull();
        assertThat(Dtmf.fromDigit("x")).isNull();
    }
}
