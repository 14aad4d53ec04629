package org.switchboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Writes byte for byte what {@link DataOutputStream} writes, so snapshots keep their format. */
class SectionOutputTest {

    @Test
    void writesExactlyTheBytesOfDataOutputStream() throws IOException {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(expected)) {
            writeAll(out);
        }
        SectionOutput actual = new SectionOutput(1); // grows from its smallest

        writeAll(actual);

        assertThat(actual.toByteArray()).isEqualTo(expected.toByteArray());
        assertThat(actual.size()).isEqualTo(expected.size());
    }

    @Test
    void whatItWritesReadsBackAsItWas() throws IOException {
        SectionOutput out = new SectionOutput(8);
        out.writeUTF("Светлана \u0000 \uD83D\uDCDE");
        out.writeLong(-42);
        out.writeDouble(Double.NaN);

        SectionInput in = new SectionInput(out.toByteArray());
        assertThat(in.readUTF()).isEqualTo("Светлана \u0000 \uD83D\uDCDE");
        assertThat(in.readLong()).isEqualTo(-42);
        assertThat(in.readDouble()).isNaN();
    }

    @Test
    void aStringTooLongForWriteUtfIsRefusedAsDataOutputStreamRefusesIt() {
        String tooLong = "ж".repeat(40_000); // 80,000 bytes in UTF-8

        assertThatThrownBy(() -> new SectionOutput(16).writeUTF(tooLong)).isInstanceOf(UTFDataFormatException.class);
        assertThatThrownBy(() -> new DataOutputStream(new ByteArrayOutputStream()).writeUTF(tooLong))
                .isInstanceOf(UTFDataFormatException.class);
    }

    private static void writeAll(DataOutput out) throws IOException {
        Random random = new Random(3);
        for (int i = 0; i < 2_000; i++) {
            long value = random.nextLong();
            out.writeLong(value);
            out.writeInt((int) value);
            out.writeShort((int) value);
            out.writeChar((int) value);
            out.writeByte((int) value);
            out.write((int) (value >>> 8));
            out.writeBoolean(value < 0);
            out.writeDouble(Double.longBitsToDouble(value));
            out.writeFloat(Float.intBitsToFloat((int) value));
            out.writeUTF("contact " + value + " Иван \u0000\u07FF\u0800\uFFFF \uD83D\uDCDE");
            out.write(new byte[] {1, 2, 3, (byte) value}, 1, 3);
        }
        out.writeUTF("");
        out.writeUTF("x".repeat(65_535));
        out.writeBytes("ascii only");
        out.writeChars("chars");
        out.write(new byte[0]);
    }
}
