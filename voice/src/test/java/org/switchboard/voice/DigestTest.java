package org.switchboard.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.switchboard.core.port.PhoneCredentials;

/**
 * Digest authentication: the RFC's own example, and nonces only this registrar made, for the address it gave them to,
 * for a while.
 */
class DigestTest {

    private static final InetAddress HERE = address(new byte[] {10, 0, 0, 7});
    private static final InetAddress ELSEWHERE = address(new byte[] {10, 0, 0, 8});

    @Test
    void theResponseOfRfc2617sExampleIsComputed() {
        String ha1 = PhoneCredentials.ha1("Mufasa", "testrealm@host.com", "Circle Of Life");

        assertThat(Digest.response(
                        ha1,
                        "dcd98b7102dd2f0e8b11d0f600bfb0c093",
                        "GET",
                        "/dir/index.html",
                        "auth",
                        "00000001",
                        "0a4f113b"))
                .isEqualTo("6629fae49393a05397450978507c4ef1");
        assertThat(Digest.same("6629fae49393a05397450978507c4ef1", "6629FAE49393A05397450978507C4EF1"))
                .isTrue();
        assertThat(Digest.same("6629fae49393a05397450978507c4ef1", "6629fae49393a05397450978507c4ef2"))
                .isFalse();
        assertThat(Digest.same("6629fae49393a05397450978507c4ef1", null)).isFalse();
    }

    @Test
    void aNonceIsRightOnlyFromThisRegistrarAndStaleAfterFiveMinutes() {
        Digest digest = new Digest();
        String nonce = digest.nonce(1_000_000, HERE);

        assertThat(digest.checkNonce(nonce, 1_000_000 + 299_000, HERE)).isEqualTo(Digest.Check.RIGHT);
        assertThat(digest.checkNonce(nonce, 1_000_000 + 301_000, HERE)).isEqualTo(Digest.Check.STALE);
        assertThat(new Digest().checkNonce(nonce, 1_000_000, HERE)).isEqualTo(Digest.Check.WRONG);
        assertThat(digest.checkNonce("z" + nonce.substring(1), 1_000_000, HERE)).isEqualTo(Digest.Check.WRONG);
        assertThat(digest.checkNonce(nonce, 1_000_000, ELSEWHERE))
                .as("replayed from another address")
                .isEqualTo(Digest.Check.WRONG);
        assertThat(digest.checkNonce("", 0, HERE)).isEqualTo(Digest.Check.WRONG);
        assertThat(digest.checkNonce("....", 0, HERE)).isEqualTo(Digest.Check.WRONG);
        assertThat(digest.checkNonce("x".repeat(5_000) + "." + "y", 0, HERE)).isEqualTo(Digest.Check.WRONG);
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
