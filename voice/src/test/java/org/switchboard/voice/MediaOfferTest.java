package org.switchboard.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What the center answers a caller's SDP with, and what it refuses. */
class MediaOfferTest {

    private static String offer(String media, String... attributes) {
        StringBuilder sdp = new StringBuilder(
                        "v=0\r\no=ivan 1 1 IN IP4 192.0.2.7\r\ns=-\r\nc=IN IP4 192.0.2.7\r\nt=0 0\r\n")
                .append(media)
                .append("\r\n");
        for (String attribute : attributes) {
            sdp.append(attribute).append("\r\n");
        }
        return sdp.toString();
    }

    @Test
    void theFirstG711CodecOfTheOfferIsChosenWithItsTelephoneEvents() throws Exception {
        MediaOffer offer = MediaOffer.parse(
                offer("m=audio 4000 RTP/AVP 18 8 0 96", "a=rtpmap:18 G729/8000", "a=rtpmap:96 telephone-event/8000"));

        assertThat(offer)
                .isEqualTo(new MediaOffer(MediaOffer.Codec.PCMA, InetAddress.getByName("192.0.2.7"), 4000, 96));
        assertThat(offer.answer("127.0.0.1", 30_000, 42))
                .contains("c=IN IP4 127.0.0.1\r\n", "m=audio 30000 RTP/AVP 8 96\r\n", "a=rtpmap:8 PCMA/8000\r\n")
                .contains("a=rtpmap:96 telephone-event/8000\r\n", "a=fmtp:96 0-15\r\n")
                .doesNotContain("G729");
    }

    @Test
    void anOfferWithoutTelephoneEventsIsAnsweredWithoutThem() throws Exception {
        MediaOffer offer = MediaOffer.parse(offer("m=audio 4000 RTP/AVP 0"));

        assertThat(offer.telephoneEvents()).isNull();
        assertThat(offer.answer("127.0.0.1", 30_002, 1))
                .contains("m=audio 30002 RTP/AVP 0\r\n")
                .doesNotContain("telephone-event");
    }

    @Test
    void noG711IsNotAcceptableAndGarbageIsMalformed() {
        assertRefused(offer("m=audio 4000 RTP/AVP 18", "a=rtpmap:18 G729/8000"), true);
        assertRefused(offer("m=video 4000 RTP/AVP 0"), true);
        assertRefused(offer("m=audio 0 RTP/AVP 0"), true);
        assertRefused("", true); // no offer in the INVITE (a late offer): nothing to answer with, 488
        assertRefused("hello", false);
        assertRefused("v=0\r\nm=audio 4000 RTP/AVP 0\r\n", false); // no connection address
        assertRefused("v=0\r\n" + "a=x\r\n".repeat(3_000), false);
    }

    @Test
    void mediaGoesOnlyToOneUnicastAddressOfTheSaidFamily() throws Exception {
        assertThat(MediaOffer.parse(withConnection("IN IP6 2001:db8::7")).address())
                .isEqualTo(InetAddress.getByName("2001:db8::7"));
        for (String sprayer : new String[] {
            "IN IP4 224.0.0.1",
            "IN IP4 239.1.2.3/127",
            "IN IP4 255.255.255.255",
            "IN IP4 0.0.0.0",
            "IN IP6 ff02::1",
            "IN IP6 ::",
            "IN IP4 ::1",
            "IN IP6 192.0.2.7"
        }) {
            assertRefused(withConnection(sprayer), true);
        }
        for (String malformed :
                new String[] {"IN IP6 abc:::def:12345", "IN IP6 1:2:3:4:5:6:7:8:9", "IN IP6 fe80::1%eth0"}) {
            assertThatThrownBy(() -> MediaOffer.parse(withConnection(malformed)))
                    .isInstanceOf(MediaOffer.Refused.class);
        }
    }

    private static String withConnection(String connection) {
        return offer("m=audio 4000 RTP/AVP 0").replace("c=IN IP4 192.0.2.7", "c=" + connection);
    }

    @Test
    void randomBytesNeverEscapeAsAnythingButARefusal() {
        Random random = new Random(4475);
        String valid = offer("m=audio 4000 RTP/AVP 0 101", "a=rtpmap:101 telephone-event/8000");
        for (int i = 0; i < 2_000; i++) {
            byte[] bytes = valid.getBytes(StandardCharsets.ISO_8859_1);
            for (int flips = random.nextInt(8) + 1; flips > 0; flips--) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            String mangled = new String(bytes, StandardCharsets.ISO_8859_1);
            try {
                MediaOffer offer = MediaOffer.parse(mangled);
                assertThat(offer.port()).isBetween(1, 65_535);
            } catch (MediaOffer.Refused expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    private static void assertRefused(String sdp, boolean parsed) {
        assertThatThrownBy(() -> MediaOffer.parse(sdp))
                .isInstanceOfSatisfying(
                        MediaOffer.Refused.class, r -> assertThat(r.parsed()).isEqualTo(parsed));
    }
}
