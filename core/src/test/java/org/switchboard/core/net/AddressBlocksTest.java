package org.switchboard.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Who may call: addresses and CIDR blocks, v4 and v6, and nothing a typo or a host name would let in. */
class AddressBlocksTest {

    @Test
    void addressesAndBlocksAllowWhatTheyCoverOnly() throws Exception {
        AddressBlocks trunks = AddressBlocks.parse(" 127.0.0.1 , 10.20.0.0/16, 192.168.7.0/25, ::1, 2001:db8::/32");

        assertThat(trunks.allows(InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(trunks.allows(InetAddress.getByName("127.0.0.2"))).isFalse();
        assertThat(trunks.allows(InetAddress.getByName("10.20.255.1"))).isTrue();
        assertThat(trunks.allows(InetAddress.getByName("10.21.0.1"))).isFalse();
        assertThat(trunks.allows(InetAddress.getByName("192.168.7.127"))).isTrue();
        assertThat(trunks.allows(InetAddress.getByName("192.168.7.128"))).isFalse();
        assertThat(trunks.allows(InetAddress.getByName("::1"))).isTrue();
        assertThat(trunks.allows(InetAddress.getByName("2001:db8:1::5"))).isTrue();
        assertThat(trunks.allows(InetAddress.getByName("2001:db9::5"))).isFalse();
    }

    @Test
    void anEmptyListAllowsNobodyAndZeroPrefixAllowsEveryone() throws Exception {
        assertThat(AddressBlocks.parse("").allows(InetAddress.getByName("127.0.0.1")))
                .isFalse();
        assertThat(AddressBlocks.parse("0.0.0.0/0").allows(InetAddress.getByName("203.0.113.9")))
                .isTrue();
        assertThat(AddressBlocks.parse("0.0.0.0/0").allows(InetAddress.getByName("::1")))
                .isFalse();
        assertThat(AddressBlocks.parse("10.0.0.0/8, ::/0").allowsEveryone()).isTrue();
        assertThat(AddressBlocks.parse("10.0.0.0/8").allowsEveryone()).isFalse();
    }

    @Test
    void whatIsNotAnAddressOrBlockIsRefusedByName() {
        for (String bad : new String[] {
            "switch.example.org",
            "10.0.0.0/33",
            "10.0.0/8",
            "1.2.3.4.5",
            "300.1.1.1",
            "10.0.0.0/x",
            "/8",
            "::1/129",
            "10.0.0.0/-1",
            "10.0.0.0/-0",
            "10.0.0.0/+8",
            "10.0.0.0/08",
            "010.0.0.1"
        }) {
            assertThatThrownBy(() -> AddressBlocks.parse("127.0.0.1," + bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "'");
        }
    }
}
