package org.switchboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Reads back exactly what {@link DataOutputStream} wrote, as {@link java.io.DataInputStream} would. */
class SectionInputTest {

    @Test
    void readsBackEveryTypeDataOutputStreamWrites() throws IOException {
        Random random = new Random(42);
        long[] longs = random.longs(50).toArray();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (long value : longs) {
                out.writeLong(value);
                out.writeInt((int) value);
                out.writeShort((int) value);
                out.writeByte((int) value);
                out.writeBoolean(value < 0);
                out.writeDouble(Double.longBitsToDouble(value));
                out.writeFloat(Float.intBitsToFloat((int) value));
                out.writeChar((int) value);
                out.writeUTF("Иван " + value + " \u0000 \uD83D\uDCDE");
            }
            out.write(new byte[] {1, 2, 3});
        }

        SectionInput in = new SectionInput(bytes.toByteArray());
        for (long value : longs) {
            assertThat(in.readLong()).isEqualTo(value);
            assertThat(in.readInt()).isEqualTo((int) value);
            assertThat(in.readShort()).isEqualTo((short) value);
            assertThat(in.readByte()).isEqualTo((byte) value);
            assertThat(in.readBoolean()).isEqualTo(value < 0);
            // DataOutputStream writes every NaN as the canonical one
            assertThat(Double.doubleToRawLongBits(in.readDouble()))
                    .isEqualTo(Double.doubleToLongBits(Double.longBitsToDouble(value)));
            assertThat(Float.floatToRawIntBits(in.readFloat()))
                    .isEqualTo(Float.floatToIntBits(Float.intBitsToFloat((int) value)));
            assertThat(in.readChar()).isEqualTo((char) value);
            assertThat(in.readUTF()).isEqualTo("Иван " + value + " \u0000 \uD83D\uDCDE");
        }
        byte[] tail = new byte[3];
        in.readFully(tail);
        assertThat(tail).containsExactly(1, 2, 3);
    }

    @Test
    void aReadPastTheEndIsAnEndOfFileAndReadsNothing() throws IOException {
        SectionInput in = new SectionInput(new byte[] {0, 0, 0, 7, 1, 2, 3});

        assertThat(in.readInt()).isEqualTo(7);
        assertThatThrownBy(in::readLong).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> in.readFully(new byte[4])).isInstanceOf(EOFException.class);
        assertThat(in.readUnsignedByte()).isEqualTo(1);
        assertThat(in.skipBytes(10)).isEqualTo(2);
        assertThatThrownBy(in::readByte).isInstanceOf(EOFException.class);
    }
}
