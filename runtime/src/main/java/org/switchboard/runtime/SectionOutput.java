package org.switchboard.runtime;

import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.UTFDataFormatException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A snapshot section written as {@link DataOutput} into a growing array: byte for byte what {@link DataOutputStream}
 * writes, without a stream and a lock per value. {@code DataOutputStream} over a {@code ByteArrayOutputStream} takes
 * the array's monitor and checks its capacity for every byte it writes; with 250,000 waiting contacts that was half of
 * the snapshotter's work (docs/benchmarks.md, "Durable path"). The counterpart of {@link SectionInput}. Not
 * thread-safe.
 */
final class SectionOutput implements DataOutput {

    private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private byte[] bytes;
    private int size;

    SectionOutput(int initialCapacity) {
        this.bytes = new byte[Math.max(16, initialCapacity)];
    }

    /** The bytes written so far, a copy of exactly their length. */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    int size() {
        return size;
    }

    /**
     * Makes room for {@code more} bytes and returns where they go; it may replace {@link #bytes}, so callers read
     * that field only after it returned.
     */
    private int reserve(int more) {
        int at = size;
        if (more > bytes.length - at) {
            long wanted = Math.max((long) bytes.length * 2, (long) at + more);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("a snapshot section cannot exceed 2 GB");
            }
            bytes = Arrays.copyOf(bytes, (int) wanted);
        }
        size = at + more;
        return at;
    }

    @Override
    public void write(int b) {
        int at = reserve(1); // first: it may replace the array
        bytes[at] = (byte) b;
    }

    @Override
    public void write(byte[] from) {
        write(from, 0, from.length);
    }

    @Override
    public void write(byte[] from, int offset, int length) {
        int at = reserve(length);
        System.arraycopy(from, offset, bytes, at, length);
    }

    @Override
    public void writeBoolean(boolean v) {
        write(v ? 1 : 0);
    }

    @Override
    public void writeByte(int v) {
        write(v);
    }

    @Override
    public void writeShort(int v) {
        int at = reserve(2);
        SHORTS.set(bytes, at, (short) v);
    }

    @Override
    public void writeChar(int v) {
        writeShort(v);
    }

    @Override
    public void writeInt(int v) {
        int at = reserve(4);
        INTS.set(bytes, at, v);
    }

    @Override
    public void writeLong(long v) {
        int at = reserve(8);
        LONGS.set(bytes, at, v);
    }

    @Override
    public void writeFloat(float v) {
        writeInt(Float.floatToIntBits(v));
    }

    @Override
    public void writeDouble(double v) {
        writeLong(Double.doubleToLongBits(v));
    }

    @Override
    public void writeBytes(String s) {
        for (int i = 0; i < s.length(); i++) {
            write(s.charAt(i));
        }
    }

    @Override
    public void writeChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            writeChar(s.charAt(i));
        }
    }

    /** Modified UTF-8 with a two-byte length, as {@link DataOutputStream#writeUTF}. */
    @Override
    public void writeUTF(String s) throws UTFDataFormatException {
        int length = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            length += c >= 0x0001 && c <= 0x007F ? 1 : c > 0x07FF ? 3 : 2;
        }
        if (length > 0xFFFF) {
            throw new UTFDataFormatException("a string of " + length + " bytes in UTF-8 is too long for writeUTF");
        }
        writeShort(length);
        int at = reserve(length);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x0001 && c <= 0x007F) {
                bytes[at++] = (byte) c;
            } else if (c > 0x07FF) {
                bytes[at++] = (byte) (0xE0 | ((c >> 12) & 0x0F));
                bytes[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                bytes[at++] = (byte) (0x80 | (c & 0x3F));
            } else {
                bytes[at++] = (byte) (0xC0 | ((c >> 6) & 0x1F));
                bytes[at++] = (byte) (0x80 | (c & 0x3F));
            }
        }
    }
}
