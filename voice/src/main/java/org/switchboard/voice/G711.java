package org.switchboard.voice;

/**
 * G.711 (ITU-T, 1972): 16-bit linear samples to 8-bit μ-law (PCMU, North America, Japan) or A-law (PCMA, the rest of
 * the world, Russia included), as the recommendation's segment tables define them.
 */
final class G711 {

    private static final int ULAW_BIAS = 0x84;
    private static final int ULAW_CLIP = 32_635;
    private static final int[] ALAW_SEGMENT_ENDS = {0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF};

    private G711() {}

    static byte ulaw(short sample) {
        int linear = sample;
        int sign = (linear >> 8) & 0x80;
        if (sign != 0) {
            linear = -linear;
        }
        if (linear > ULAW_CLIP) {
            linear = ULAW_CLIP;
        }
        linear += ULAW_BIAS;
        int exponent = 7;
        for (int mask = 0x4000; (linear & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (linear >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    /** A-law as the reference encoder does it: on the 13 most significant bits, segments by magnitude. */
    static byte alaw(short sample) {
        int value = sample >> 3;
        int mask;
        if (value >= 0) {
            mask = 0xD5;
        } else {
            mask = 0x55;
            value = -value - 1;
        }
        int segment = 0;
        while (segment < 8 && value > ALAW_SEGMENT_ENDS[segment]) {
            segment++;
        }
        if (segment >= 8) {
            return (byte) (0x7F ^ mask);
        }
        int coded = segment << 4;
        coded |= segment < 2 ? (value >> 1) & 0x0F : (value >> segment) & 0x0F;
        return (byte) (coded ^ mask);
    }

    /** The linear sample a μ-law byte stands for (the recommendation's decoder). */
    static short fromUlaw(byte coded) {
        int value = ~coded & 0xFF;
        int exponent = (value >> 4) & 0x07;
        int magnitude = (((value & 0x0F) << 3) + ULAW_BIAS) << exponent;
        return (short) ((value & 0x80) != 0 ? ULAW_BIAS - magnitude : magnitude - ULAW_BIAS);
    }

    /** The linear sample an A-law byte stands for (the recommendation's decoder). */
    static short fromAlaw(byte coded) {
        int value = (coded & 0xFF) ^ 0x55;
        int segment = (value >> 4) & 0x07;
        int magnitude = (value & 0x0F) << 4;
        magnitude = segment == 0 ? magnitude + 8 : (magnitude + 0x108) << (segment - 1);
        return (short) ((value & 0x80) != 0 ? magnitude : -magnitude);
    }

    /**
     * The table that turns one codec's bytes into the other's (G.711 Appendix-style, through the linear sample): 256
     * entries, so a bridge between a PCMA caller and a PCMU phone costs one array look-up per byte. The identity when
     * both are the same.
     */
    static byte[] transcoding(MediaOffer.Codec from, MediaOffer.Codec to) {
        byte[] table = new byte[256];
        for (int i = 0; i < 256; i++) {
            byte coded = (byte) i;
            if (from == to) {
                table[i] = coded;
            } else {
                short linear = from == MediaOffer.Codec.PCMU ? fromUlaw(coded) : fromAlaw(coded);
                table[i] = to == MediaOffer.Codec.PCMU ? ulaw(linear) : alaw(linear);
            }
        }
        return table;
    }

    /** The table that turns a codec's bytes into linear 16-bit samples: one array look-up per byte. */
    static short[] decoding(MediaOffer.Codec codec) {
        short[] table = new short[256];
        for (int i = 0; i < 256; i++) {
            table[i] = codec == MediaOffer.Codec.PCMU ? fromUlaw((byte) i) : fromAlaw((byte) i);
        }
        return table;
    }

    /** The byte of silence (a zero sample) in the codec with payload type {@code payloadType}. */
    static byte silence(MediaOffer.Codec codec) {
        return codec == MediaOffer.Codec.PCMU ? ulaw((short) 0) : alaw((short) 0);
    }
}
