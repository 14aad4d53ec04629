package org.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A stored snapshot read into an array of its recorded size, and a recorded size that is wrong changing nothing. */
class SnapshotReadTest {

    private static final byte[] STORED = random(100_000);

    @Test
    void readsTheStoredBytesWhateverTheRecordedSizeSays() throws IOException {
        for (long recorded : new long[] {100_000, 0, 1, 99_999, 100_001, 5_000_000, -1, Long.MAX_VALUE}) {
            assertThat(JdbcSnapshotStore.read(recorded, new ByteArrayInputStream(STORED)))
                    .as("recorded size %d", recorded)
                    .isEqualTo(STORED);
        }
    }

    @Test
    void anUntrustedRecordedSizeIsNotAllocated() throws IOException {
        byte[] empty =
                JdbcSnapshotStore.read(JdbcSnapshotStore.TRUSTED_SIZE + 1, new ByteArrayInputStream(new byte[0]));

        assertThat(empty).isEmpty();
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(11).nextBytes(bytes);
        return bytes;
    }
}
