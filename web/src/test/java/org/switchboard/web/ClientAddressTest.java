package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.switchboard.core.net.AddressBlocks;

/**
 * The client behind a request: the connecting address, unless that is a trusted reverse proxy, whose
 * {@code X-Forwarded-For} then names the client; nobody else can choose an address by sending the header.
 */
class ClientAddressTest {

    private final ClientAddress direct = new ClientAddress(AddressBlocks.parse(""));
    private final ClientAddress proxied = new ClientAddress(AddressBlocks.parse("10.0.0.0/8, 192.0.2.1, ::1"));

    @Test
    void noOptionsTrustEveryClientToNameItself() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> WebOptions.DEFAULTS.withTrustedProxies(AddressBlocks.parse("10.0.0.1, ::/0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/0");
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertThat(direct.of("203.0.113.7", List.of("198.51.100.1"))).isEqualTo("203.0.113.7");
    }

    @Test
    void aClientThatIsNoTrustedProxyCannotChooseItsAddress() {
        assertThat(proxied.of("203.0.113.7", List.of("198.51.100.1"))).isEqualTo("203.0.113.7");
    }

    @Test
    void behindTrustedProxiesTheRightMostUntrustedHopIsTheClient() {
        assertThat(proxied.of("10.1.2.3", List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
        // the client wrote a made-up first hop; the proxies appended what they saw
        assertThat(proxied.of("10.1.2.3", List.of("1.1.1.1, 198.51.100.1, 192.0.2.1")))
                .isEqualTo("198.51.100.1");
        assertThat(proxied.of("10.1.2.3", List.of("1.1.1.1", "198.51.100.1 ,10.9.9.9")))
                .isEqualTo("198.51.100.1");
        assertThat(proxied.of("::1", List.of("[2001:db8::7]"))).isEqualTo("2001:db8::7");
    }

    @Test
    void aProxyWithoutTheHeaderOrWithOnlyProxiesInItIsItsOwnClient() {
        assertThat(proxied.of("10.1.2.3", List.of())).isEqualTo("10.1.2.3");
        assertThat(proxied.of("10.1.2.3", List.of(" , "))).isEqualTo("10.1.2.3");
        assertThat(proxied.of("10.1.2.3", List.of("10.4.4.4, 192.0.2.1")))
                .as("the left-most hop is whatever the sender wrote: not believed when no untrusted hop follows")
                .isEqualTo("10.1.2.3");
    }

    @Test
    void hopsThatAreNoAddressesAreSafeNamesCutShortAndNeverLookedUp() {
        assertThat(proxied.of("10.1.2.3", List.of("unknown"))).isEqualTo("unknown");
        assertThat(proxied.of("10.1.2.3", List.of("x".repeat(5_000)))).hasSize(64);
        assertThat(proxied.of("10.1.2.3", List.of("localhost"))).isEqualTo("localhost");
        assertThat(proxied.of("10.1.2.3", List.of("<script>a\tb\u043a")))
                .as("the audit shows printable ASCII only")
                .isEqualTo("?script?a?b?");
    }

    @Test
    void aPortOrAZoneBesideTheAddressMakesNoOtherClient() {
        // some proxies write the client's port: one client, many connections
        assertThat(proxied.of("10.1.2.3", List.of("198.51.100.1:4711"))).isEqualTo("198.51.100.1");
        assertThat(proxied.of("10.1.2.3", List.of("[2001:db8::7]:443"))).isEqualTo("2001:db8::7");
        assertThat(proxied.of("10.1.2.3", List.of("fe80::1%eth0"))).isEqualTo("fe80::1");
        assertThat(proxied.of("10.1.2.3", List.of("192.0.2.1:80")))
                .as("every hop a trusted proxy, port or not: the connecting one")
                .isEqualTo("10.1.2.3");
    }

    @Test
    void addressesAreWrittenOneWayWhereverTheyComeFrom() {
        assertThat(direct.of("0:0:0:0:0:0:0:1", List.of())).isEqualTo("::1");
        assertThat(direct.of("[0:0:0:0:0:0:0:1]", List.of())).isEqualTo("::1");
        assertThat(direct.of("2001:DB8:0:0:1:0:0:1", List.of())).isEqualTo("2001:db8::1:0:0:1");
        assertThat(direct.of("2001:db8:0:1:1:1:1:1", List.of()))
                .as("one zero group stays")
                .isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(direct.of("127.0.0.1", List.of())).isEqualTo("127.0.0.1");
        assertThat(direct.of("::ffff:203.0.113.7", List.of())).isEqualTo("203.0.113.7");
    }

    @Test
    void anIpv6ClientSharesItsSlash56AndAnIpv4ClientIsItself() {
        assertThat(ClientAddress.share("2001:db8:1:2:aaaa::1")).isEqualTo("2001:db8:1::/56");
        assertThat(ClientAddress.share("2001:db8:1:ff:bbbb::99")).isEqualTo("2001:db8:1::/56");
        assertThat(ClientAddress.share("2001:db8:1:100::1")).isEqualTo("2001:db8:1:100::/56");
        assertThat(ClientAddress.share("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.share("unknown")).isEqualTo("unknown");
    }
}
