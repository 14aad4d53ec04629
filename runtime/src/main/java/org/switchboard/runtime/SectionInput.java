package org.switchboard.runtime;

import java.io.DataInput;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A snapshot section read as {@link DataInput}, straight from its bytes: the same big-endian layout as {@link
 * DataInputStream}, without a stream under it. {@code DataInputStream} over a {@code ByteArrayInputStream} copies
 * every {@code readLong} through a scratch array and a stream call; a start with 400,000 waiting contacts spent a
 * fifth of its snapshot decoding in them (docs/benchmarks.md, "Restart"). Not thread-safe.
 */
final class SectionInput implements DataInput {

    private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final byte[] bytes;
    private int position;

    SectionInput(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Moves past {@code length} bytes and returns where they began; EOF when fewer remain. */
    private int take(int length) throws EOFException {
        int at = position;
        if (length < 0 || length > bytes.length - at) {
            throw new EOFException("the section ends after " + bytes.length + " bytes");
        }
        position = at + length;
        return at;
    }

    @Override
    public void readFully(byte[] into) throws IOException {
        readFully(into, 0, into.length);
    }

    @Override
    public void readFully(byte[] into, int offset, int length) throws IOException {
        System.arraycopy(bytes, take(length), into, offset, length);
    }

    @Override
    public int skipBytes(int n) {
        int skipped = Math.max(0, Math.min(n, bytes.length - position));
        position += skipped;
        return skipped;
    }

    @Override
    public boolean readBoolean() throws IOException {
        return readByte() != 0;
    }

    @Override
    public byte readByte() throws IOException {
        return bytes[take(1)];
    }

    @Override
    public int readUnsignedByte() throws IOException {
        return readByte() & 0xff;
    }

    @Override
    public short readShort() throws IOException {
        return (short) SHORTS.get(bytes, take(2));
    }

    @Override
    public int readUnsignedShort() throws IOException {
        return readShort() & 0xffff;
    }

    @Override
    public char readChar() throws IOException {
        return (char) readShort();
    }

    @Override
    public int readInt() throws IOException {
        return (int) INTS.get(bytes, take(4));
    }

    @Override
    public long readLong() throws IOException {
        return (long) LONGS.get(bytes, take(8));
    }

    @Override
    public float readFloat() throws IOException {
        return Float.intBitsToFloat(readInt());
    }

    @Override
    public double readDouble() throws IOException {
        return Double.longBitsToDouble(readLong());
    }

    /** Not part of any snapshot format. */
    @Override
    public String readLine() throws IOException {
        throw new IOException("snapshot sections hold no lines of text");
    }

    @Override
    public String readUTF() throws IOException {
        return DataInputStream.readUTF(this);
    }
}
