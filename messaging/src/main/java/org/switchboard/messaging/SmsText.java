package org.switchboard.messaging;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.freeutils.charset.gsm.SCGSMCharset;
import org.jspecify.annotations.Nullable;

/**
 * The text of short messages as SMPP carries it. Out: the GSM 7-bit default alphabet (one septet per octet, the
 * extension table by escape) when every character has a place there, else UCS-2; a text longer than one message is
 * split into parts that carry a concatenation header (UDH, 8-bit reference), never inside a character, an escape
 * or a surrogate pair. In: the text by its {@code data_coding}, with the concatenation header read off when the
 * {@code esm_class} says one is there. Immutable helpers.
 */
final class SmsText {

    /** {@code data_coding}: the SMSC's default alphabet, here GSM 7-bit. */
    static final byte GSM = 0x00;
    /** {@code data_coding}: IA5 (ASCII). */
    static final byte IA5 = 0x01;
    /** {@code data_coding}: Latin-1. */
    static final byte LATIN_1 = 0x03;
    /** {@code data_coding}: UCS-2, big-endian UTF-16 code units. */
    static final byte UCS2 = 0x08;

    static final Charset GSM_CHARSET = new SCGSMCharset();

    private static final int SINGLE_OCTETS = 140;
    private static final int UDH_OCTETS = 6;
    private static final int SINGLE_SEPTETS = 160;

    private SmsText() {}

    /** One short message: its {@code data_coding}, its octets, and the UDH at their start when concatenated. */
    record Part(byte dataCoding, byte[] octets, boolean udh) {}

    /** A message received: its text and, when it is a part of a longer one, which. */
    record Received(String text, @Nullable Concatenation concatenation) {}

    /** Which part of a longer message: reference, count and number (from 1). */
    record Concatenation(int reference, int count, int number) {}

    /** {@code text} as the parts that carry it; {@code reference} names the parts of one message (0..255). */
    static List<Part> encode(String text, int reference) {
        boolean gsm = GSM_CHARSET.newEncoder().canEncode(text);
        List<String> pieces = gsm ? splitGsm(text) : splitUcs2(text);
        byte coding = gsm ? GSM : UCS2;
        Charset charset = gsm ? GSM_CHARSET : StandardCharsets.UTF_16BE;
        if (pieces.size() == 1) {
            return List.of(new Part(coding, pieces.getFirst().getBytes(charset), false));
        }
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            byte[] body = pieces.get(i).getBytes(charset);
            byte[] octets = new byte[UDH_OCTETS + body.length];
            octets[0] = 0x05; // header length
            octets[1] = 0x00; // concatenated message, 8-bit reference
            octets[2] = 0x03;
            octets[3] = (byte) reference;
            octets[4] = (byte) pieces.size();
            octets[5] = (byte) (i + 1);
            System.arraycopy(body, 0, octets, UDH_OCTETS, body.length);
            parts.add(new Part(coding, octets, true));
        }
        return parts;
    }

    private static List<String> splitGsm(String text) {
        if (septets(text) <= SINGLE_SEPTETS) {
            return List.of(text);
        }
        int room = SINGLE_OCTETS - UDH_OCTETS; // one septet per octet on the wire
        List<String> pieces = new ArrayList<>();
        int start = 0;
        int used = 0;
        for (int i = 0; i < text.length(); i++) {
            int width = septets(String.valueOf(text.charAt(i)));
            if (used + width > room) {
                pieces.add(text.substring(start, i));
                start = i;
                used = 0;
            }
            used += width;
        }
        pieces.add(text.substring(start));
        return pieces;
    }

    private static List<String> splitUcs2(String text) {
        if (text.length() <= SINGLE_OCTETS / 2) {
            return List.of(text);
        }
        int room = (SINGLE_OCTETS - UDH_OCTETS) / 2;
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + room);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            pieces.add(text.substring(start, end));
            start = end;
        }
        return pieces;
    }

    private static int septets(String text) {
        return text.getBytes(GSM_CHARSET).length;
    }

    /**
     * The text of a received message. Throws {@link CharacterCodingException} when the octets are not text in
     * {@code dataCoding} (odd UCS-2), {@link IllegalArgumentException} for an alphabet that is not text or a broken
     * header.
     */
    static Received decode(byte dataCoding, byte @Nullable [] octets, boolean udhi) throws CharacterCodingException {
        byte[] bytes = octets == null ? new byte[0] : octets;
        Concatenation concatenation = null;
        int start = 0;
        if (udhi) {
            if (bytes.length == 0 || (bytes[0] & 0xff) + 1 > bytes.length) {
                throw new IllegalArgumentException("the user data header is longer than the message");
            }
            start = (bytes[0] & 0xff) + 1;
            concatenation = concatenationIn(Arrays.copyOfRange(bytes, 1, start));
        }
        String text = decoder(dataCoding)
                .decode(ByteBuffer.wrap(bytes, start, bytes.length - start))
                .toString();
        return new Received(text, concatenation);
    }

    private static CharsetDecoder decoder(byte dataCoding) {
        Charset charset = switch (dataCoding & 0xff) {
            case 0x00, 0xF0, 0xF1, 0xF2, 0xF3 -> GSM_CHARSET; // 0xF0-0xF3: the default alphabet with a message class
            case 0x01 -> StandardCharsets.US_ASCII;
            case 0x03 -> StandardCharsets.ISO_8859_1;
            case 0x08 -> StandardCharsets.UTF_16BE;
            default ->
                throw new IllegalArgumentException(
                        "data_coding 0x" + Integer.toHexString(dataCoding & 0xff) + " is not text");
        };
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** The concatenation element of a user data header, or null when it has none (other elements are skipped). */
    private static @Nullable Concatenation concatenationIn(byte[] header) {
        int i = 0;
        while (i + 1 < header.length) {
            int id = header[i] & 0xff;
            int length = header[i + 1] & 0xff;
            if (i + 2 + length > header.length) {
                throw new IllegalArgumentException("an element of the user data header runs past it");
            }
            if (id == 0x00 && length == 3) {
                return concatenation(header[i + 2] & 0xff, header[i + 3] & 0xff, header[i + 4] & 0xff);
            }
            if (id == 0x08 && length == 4) {
                int reference = ((header[i + 2] & 0xff) << 8) | (header[i + 3] & 0xff);
                return concatenation(reference, header[i + 4] & 0xff, header[i + 5] & 0xff);
            }
            i += 2 + length;
        }
        return null;
    }

    static Concatenation concatenation(int reference, int count, int number) {
        if (count < 1 || number < 1 || number > count) {
            throw new IllegalArgumentException("part " + number + " of " + count + " is not a part of a message");
        }
        return new Concatenation(reference, count, number);
    }
}
