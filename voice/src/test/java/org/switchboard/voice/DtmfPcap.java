package org.switchboard.voice;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the pcap sipp plays (play_pcap_audio) to press keys: RFC 4733 telephone events, payload type 101, each key
 * 100 ms of updates and three end packets, sequence numbers and timestamps increasing throughout (sipp's sample
 * pcaps reuse fixed sequence numbers, which a receiver rightly takes for duplicates).
 */
final class DtmfPcap {

    private static final String KEYS = "0123456789*#ABCD";
    private static final int EVENT_TYPE = 101;

    private DtmfPcap() {}

    /** Writes {@code keys} into {@code file}. */
    static void write(Path file, String keys) throws IOException {
        ByteBuffer pcap = ByteBuffer.allocate(64 + keys.length() * 8 * 100).order(ByteOrder.LITTLE_ENDIAN);
        pcap.putInt(0xa1b2c3d4)
                .putShort((short) 2)
                .putShort((short) 4)
                .putInt(0)
                .putInt(0)
                .putInt(65_535)
                .putInt(1);
        int sequence = 1_000;
        int timestamp = 160_000;
        long micros = 0;
        for (char key : keys.toCharArray()) {
            int event = KEYS.indexOf(key);
            if (event < 0) {
                throw new IllegalArgumentException("not a key: " + key);
            }
            for (int i = 1; i <= 8; i++) {
                boolean end = i > 5;
                byte[] rtp = rtp(i == 1, sequence++, timestamp, event, end, end ? 800 : 160 * i);
                frame(pcap, micros, rtp);
                micros += 20_000;
            }
            micros += 100_000;
            timestamp += 8_000;
        }
        Files.write(file, java.util.Arrays.copyOf(pcap.array(), pcap.position()));
    }

    private static byte[] rtp(boolean marker, int sequence, int timestamp, int event, boolean end, int duration) {
        return ByteBuffer.allocate(16)
                .put((byte) 0x80)
                .put((byte) ((marker ? 0x80 : 0) | EVENT_TYPE))
                .putShort((short) sequence)
                .putInt(timestamp)
                .putInt(0x1234abcd)
                .put((byte) event)
                .put((byte) ((end ? 0x80 : 0) | 10))
                .putShort((short) duration)
                .array();
    }

    /** One Ethernet/IPv4/UDP frame around {@code rtp} (sipp rewrites the addresses and ports). */
    private static void frame(ByteBuffer pcap, long micros, byte[] rtp) {
        ByteBuffer udp = ByteBuffer.allocate(8 + rtp.length)
                .putShort((short) 6_000)
                .putShort((short) 40_000)
                .putShort((short) (8 + rtp.length))
                .putShort((short) 0)
                .put(rtp);
        ByteBuffer ip = ByteBuffer.allocate(20 + udp.capacity())
                .put((byte) 0x45)
                .put((byte) 0)
                .putShort((short) (20 + udp.capacity()))
                .putInt(0)
                .put((byte) 64)
                .put((byte) 17)
                .putShort((short) 0)
                .put(new byte[] {127, 0, 0, 1})
                .put(new byte[] {127, 0, 0, 1})
                .put(udp.array());
        int length = 14 + ip.capacity();
        pcap.putInt((int) (micros / 1_000_000))
                .putInt((int) (micros % 1_000_000))
                .putInt(length)
                .putInt(length);
        pcap.put(new byte[12]).put((byte) 0x08).put((byte) 0x00).put(ip.array());
    }
}
