package org.switchboard.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What one stream sends per tick of the media clock, received on a loopback socket. */
class MediaStreamTest {

    @Test
    void nothingIsSentBeforeTheFirstPromptAndTheFirstPacketIsItsFirstFrame() throws Exception {
        Ivr ivr = Ivr.parse("test", "{greeting: greeting, no-choice: {queue: info}, menus: {main: {}}}".getBytes());
        Prompt greeting = Prompts.load(null, ivr).get("greeting", "ru");
        try (DatagramSocket media = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                DatagramSocket ear = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            MediaStream stream =
                    new MediaStream(media, (InetSocketAddress) ear.getLocalSocketAddress(), MediaOffer.Codec.PCMU);
            stream.tick(1); // on the clock before the call chose what to say (the gateway adds it, then plays)
            stream.tick(1);
            ear.setSoTimeout(200);
            try {
                ear.receive(new DatagramPacket(new byte[2_048], 2_048));
                throw new AssertionError("a packet was sent before anything was played");
            } catch (SocketTimeoutException expected) {
                assertThat(stream.sent()).isZero();
            }

            stream.play(List.of(greeting), false);
            stream.tick(1);
            DatagramPacket first = new DatagramPacket(new byte[2_048], 2_048);
            ear.setSoTimeout(2_000);
            ear.receive(first);
            byte[] packet = Arrays.copyOf(first.getData(), first.getLength());
            assertThat(packet[1] & 0x80).as("the marker opens the talkspurt").isNotZero();
            assertThat(Arrays.copyOfRange(packet, 12, packet.length))
                    .isEqualTo(greeting.frames(MediaOffer.Codec.PCMU)[0]);
        }
    }
}
