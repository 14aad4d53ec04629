package org.switchboard.voice;

/**
 * Reading an RTP packet's fixed fields (RFC 3550 5.1) where they are in a datagram's bytes, without copying: the media
 * path's threads call these for every packet.
 */
final class Rtp {

    /** The fixed header: version, flags, payload type, sequence number, timestamp, SSRC. */
    static final int HEADER = 12;

    private Rtp() {}

    /**
     * Where the payload of the packet in {@code packet[0..length)} starts (after the CSRC list and any header
     * extension), or -1 when the bytes are not an RTP version 2 packet or are cut short.
     */
    static int payloadStart(byte[] packet, int length) {
        if (length < HEADER || (packet[0] & 0xC0) != 0x80) {
            return -1;
        }
        int start = HEADER + 4 * (packet[0] & 0x0F);
        if ((packet[0] & 0x10) != 0) { // a header extension: its length is in 32-bit words after its first word
            if (length < start + 4) {
                return -1;
            }
            start += 4 + 4 * (((packet[start + 2] & 0xFF) << 8) | (packet[start + 3] & 0xFF));
        }
        return start > length ? -1 : start;
    }

    /** Where the payload ends: before the padding, if the packet has any (its last byte counts it). */
    static int payloadEnd(byte[] packet, int length) {
        return (packet[0] & 0x20) != 0 ? length - (packet[length - 1] & 0xFF) : length;
    }

    static int payloadType(byte[] packet) {
        return packet[1] & 0x7F;
    }

    static int sequence(byte[] packet) {
        return ((packet[2] & 0xFF) << 8) | (packet[3] & 0xFF);
    }

    static int timestamp(byte[] packet) {
        return readInt(packet, 4);
    }

    static int ssrc(byte[] packet) {
        return readInt(packet, 8);
    }

    private static int readInt(byte[] data, int at) {
        return ((data[at] & 0xFF) << 24)
                | ((data[at + 1] & 0xFF) << 16)
                | ((data[at + 2] & 0xFF) << 8)
                | (data[at + 3] & 0xFF);
    }
}
