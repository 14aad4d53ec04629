package org.switchboard.voice;

/**
 * One party's audio by its place in a conversation's timeline (samples at 8 kHz since the conversation's start): a
 * ring of about a second. A packet's place is its RTP timestamp's distance from the ring's anchor, so a lost packet
 * leaves silence where it was lost and a late or reordered one still lands in its place; a packet whose place is
 * outside what can still be read (the first one, a new stream, a timestamp jump, clock drift) re-anchors the ring at
 * the packet's arrival. Every slot remembers which place it holds, so reading a place nobody wrote (lost audio, or
 * a slot left from a ring ago) gives silence. Reads do not consume: several listeners may read the same places.
 * Thread-safe (the writer is a relay thread, the readers the recorder's or the media clock's).
 */
final class AudioRing {

    static final int SIZE = 8_192; // samples, a power of two

    private final short[] samples = new short[SIZE];
    /** The place each slot holds, plus one (0: none); 32 bits are 74 hours of places. */
    private final int[] places = new int[SIZE];

    private final short[] decoding;
    private final int audioType;
    private boolean anchored;
    private long anchorPlace;
    private int anchorTimestamp;

    /** A ring for audio in {@code codec}: RTP packets of its payload type are placed, any other is ignored. */
    AudioRing(MediaOffer.Codec codec) {
        this.decoding = G711.decoding(codec);
        this.audioType = codec.payloadType;
    }

    /** The place (samples at 8 kHz) of {@code nowNanos} in a conversation that began at {@code startedNanos}. */
    static long place(long startedNanos, long nowNanos) {
        return (nowNanos - startedNanos) * ConversationRecording.SAMPLE_RATE / 1_000_000_000L;
    }

    /**
     * Places the audio of the RTP packet in {@code packet[0..length)}, which arrived at place {@code arrival}; nothing
     * before {@code floor} will be read any more. What is not RTP audio of the ring's codec is ignored.
     */
    void putRtp(byte[] packet, int length, long arrival, long floor) {
        int start = Rtp.payloadStart(packet, length);
        if (start >= 0 && Rtp.payloadType(packet) == audioType) {
            put(packet, start, Rtp.payloadEnd(packet, length), arrival, floor);
        }
    }

    private synchronized void put(byte[] packet, int start, int end, long arrival, long floor) {
        int count = end - start;
        if (count <= 0 || count > SIZE / 2) {
            return;
        }
        int timestamp = Rtp.timestamp(packet);
        long place = anchorPlace + (timestamp - anchorTimestamp); // an int difference: wraps with the timestamp
        if (!anchored || place < floor || place + count > floor + SIZE) {
            anchored = true;
            anchorTimestamp = timestamp;
            anchorPlace = Math.max(arrival, floor);
            place = anchorPlace;
        }
        for (int i = 0; i < count; i++) {
            int slot = (int) ((place + i) & (SIZE - 1));
            samples[slot] = decoding[packet[start + i] & 0xFF];
            places[slot] = (int) (place + i) + 1;
        }
    }

    /** The {@code count} samples from {@code place} on into {@code into}: silence where nothing was put. */
    synchronized void read(long place, int count, short[] into) {
        for (int i = 0; i < count; i++) {
            int slot = (int) ((place + i) & (SIZE - 1));
            into[i] = places[slot] == (int) (place + i) + 1 ? samples[slot] : 0;
        }
    }
}
