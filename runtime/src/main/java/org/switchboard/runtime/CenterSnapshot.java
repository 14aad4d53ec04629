package org.switchboard.runtime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * The bytes of one stored snapshot: a header (what it is, its format, the journal position and event number it was
 * taken at), the deflated sections (the engine's state and each projection's), and a CRC-32C of everything before
 * it. A snapshot that was torn while being written, or damaged since, fails the checksum and is never read.
 *
 * <pre>
 *   int magic "SBSN" · int format · long position · long nextEventSeq · long takenAtMs · int length · deflated body
 *   · int crc32c
 *   body: int sections · (string name · int length · bytes)*
 * </pre>
 */
final class CenterSnapshot {

    static final int FORMAT = 1;
    private static final int MAGIC = 0x5342534e; // "SBSN"
    private static final int HEADER = 4 + 4 + 8 + 8 + 8 + 4;

    /** What a snapshot holds: where it stands in the journal, and a section of bytes per part of the state. */
    record Contents(long position, long nextEventSeq, long takenAtMs, Map<String, byte[]> sections) {}

    /** The bytes are not a snapshot this release can read: torn, damaged, or of another format. */
    static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message);
        }
    }

    private CenterSnapshot() {}

    static byte[] encode(Contents contents) throws IOException {
        byte[] body = deflate(contents.sections());
        ByteBuffer bytes = ByteBuffer.allocate(HEADER + body.length + 4);
        bytes.putInt(MAGIC)
                .putInt(FORMAT)
                .putLong(contents.position())
                .putLong(contents.nextEventSeq())
                .putLong(contents.takenAtMs())
                .putInt(body.length)
                .put(body);
        CRC32C crc = new CRC32C();
        crc.update(bytes.array(), 0, bytes.position());
        bytes.putInt((int) crc.getValue());
        return bytes.array();
    }

    static Contents decode(byte[] data) throws Unreadable {
        if (data.length < HEADER + 4) {
            throw new Unreadable("too short to be a snapshot (" + data.length + " bytes)");
        }
        CRC32C crc = new CRC32C();
        crc.update(data, 0, data.length - 4);
        ByteBuffer bytes = ByteBuffer.wrap(data);
        if (bytes.getInt(data.length - 4) != (int) crc.getValue()) {
            throw new Unreadable("its checksum does not match: it was torn or damaged");
        }
        if (bytes.getInt() != MAGIC) {
            throw new Unreadable("not a snapshot");
        }
        int format = bytes.getInt();
        if (format != FORMAT) {
            throw new Unreadable("format " + format + " is not one this release reads (" + FORMAT + ")");
        }
        long position = bytes.getLong();
        long nextEventSeq = bytes.getLong();
        long takenAtMs = bytes.getLong();
        int length = bytes.getInt();
        if (length != data.length - HEADER - 4) {
            throw new Unreadable("its length does not match");
        }
        return new Contents(position, nextEventSeq, takenAtMs, inflate(data, HEADER, length));
    }

    private static byte[] deflate(Map<String, byte[]> sections) throws IOException {
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(deflated, deflater, 1 << 16))) {
            out.writeInt(sections.size());
            for (Map.Entry<String, byte[]> section : sections.entrySet()) {
                byte[] name = section.getKey().getBytes(StandardCharsets.UTF_8);
                out.writeInt(name.length);
                out.write(name);
                out.writeInt(section.getValue().length);
                out.write(section.getValue());
            }
        } finally {
            deflater.end();
        }
        return deflated.toByteArray();
    }

    private static Map<String, byte[]> inflate(byte[] data, int offset, int length) throws Unreadable {
        java.util.zip.Inflater inflater = new java.util.zip.Inflater();
        try (DataInputStream in = new DataInputStream(
                new InflaterInputStream(new ByteArrayInputStream(data, offset, length), inflater, 1 << 16))) {
            int count = in.readInt();
            Map<String, byte[]> sections = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
                int size = in.readInt();
                if (size < 0) {
                    throw new Unreadable("a section of negative size");
                }
                byte[] section = new byte[size]; // readNBytes(size) would gather it in pieces and copy them
                in.readFully(section);
                sections.put(name, section);
            }
            return sections;
        } catch (IOException e) {
            throw new Unreadable("its body does not inflate: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }
}
