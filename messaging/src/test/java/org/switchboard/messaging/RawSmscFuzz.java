package org.switchboard.messaging;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

/** Ways to break a deliver_sm: each keeps the frame's length true unless it is meant to break the frame. */
final class RawSmscFuzz {

    private RawSmscFuzz() {}

    /** {@code body} broken in one or more random ways. */
    static byte[] mutate(byte[] body, Random random) {
        byte[] out = body.clone();
        int ways = 1 + random.nextInt(3);
        for (int i = 0; i < ways; i++) {
            out = switch (random.nextInt(7)) {
                case 0 -> flip(out, random);
                case 1 -> Arrays.copyOf(out, random.nextInt(out.length + 1));
                case 2 -> grow(out, random);
                case 3 -> set(out, out.length - 3 - messageLength(out), (byte) random.nextInt(256)); // data_coding
                case 4 -> set(out, indexOfEsmClass(out), (byte) (random.nextBoolean() ? 0x40 : random.nextInt(256)));
                case 5 -> set(out, out.length - 1 - messageLength(out), (byte) random.nextInt(256)); // sm_length
                default -> withTlv(out, random);
            };
        }
        return out;
    }

    /** A frame whose header lies: a length under 16, over any limit, or an unknown command. */
    static byte[] brokenFrame(Random random, int sequence) {
        return switch (random.nextInt(3)) {
            case 0 ->
                ByteBuffer.allocate(16)
                        .putInt(random.nextInt(16))
                        .putInt(5)
                        .putInt(0)
                        .putInt(sequence)
                        .array();
            case 1 ->
                ByteBuffer.allocate(16)
                        .putInt(0x7fffffff)
                        .putInt(5)
                        .putInt(0)
                        .putInt(sequence)
                        .array();
            default -> RawSmsc.pdu(random.nextInt(), 0, sequence, new byte[random.nextInt(40)]);
        };
    }

    private static byte[] flip(byte[] body, Random random) {
        byte[] out = body.clone();
        for (int n = 1 + random.nextInt(5); n > 0 && out.length > 0; n--) {
            out[random.nextInt(out.length)] = (byte) random.nextInt(256);
        }
        return out;
    }

    private static byte[] grow(byte[] body, Random random) {
        byte[] extra = new byte[1 + random.nextInt(300)];
        random.nextBytes(extra);
        byte[] out = Arrays.copyOf(body, body.length + extra.length);
        System.arraycopy(extra, 0, out, body.length, extra.length);
        return out;
    }

    private static byte[] withTlv(byte[] body, Random random) {
        int length = random.nextInt(20);
        ByteBuffer tlv = ByteBuffer.allocate(4 + length);
        tlv.putShort((short) random.nextInt(0x10000))
                .putShort((short) (random.nextBoolean() ? length : random.nextInt(0x10000)));
        byte[] out = Arrays.copyOf(body, body.length + 4 + length);
        System.arraycopy(tlv.array(), 0, out, body.length, 4 + length);
        return out;
    }

    private static int messageLength(byte[] body) {
        return body.length == 0 ? 0 : Math.min(body.length - 1, 12); // "Привет" in UCS-2: 12 octets
    }

    private static int indexOfEsmClass(byte[] body) {
        return Math.min(body.length - 1, 1 + 2 + 12 + 2 + 4); // after service_type, TONs, source and destination
    }

    private static byte[] set(byte[] body, int at, byte value) {
        if (at < 0 || at >= body.length) {
            return body;
        }
        byte[] out = body.clone();
        out[at] = value;
        return out;
    }
}
