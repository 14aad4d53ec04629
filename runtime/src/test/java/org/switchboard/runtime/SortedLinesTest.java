package org.switchboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.lacuna.bifurcan.IEntry;
import io.lacuna.bifurcan.SortedMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A sorted map made at once is a valid red-black tree (bifurcan's own invariant check), holds every entry in order
 * with the right ranks, and goes on working as one built by insertions.
 */
class SortedLinesTest {

    @Test
    void everySizeGivesAValidTreeWithEveryEntryInOrderAndItsRank() {
        Random random = new Random(7);
        for (int size = 0; size <= 1_100; size = size < 70 ? size + 1 : size * 2 - 37) {
            List<Integer> keys = new ArrayList<>(
                    IntStream.range(0, size).map(i -> i * 3).boxed().toList());
            Collections.shuffle(keys, random);
            SortedLines<Integer, String> lines = new SortedLines<>();
            keys.forEach(k -> lines.add(k, "v" + k));

            SortedMap<Integer, String> map = lines.build();

            if (size > 0) {
                map.root.checkInvariant();
            }
            assertThat(map.size()).isEqualTo(size);
            List<Integer> inOrder = new ArrayList<>();
            for (IEntry<Integer, String> entry : map) {
                inOrder.add(entry.key());
                assertThat(entry.value()).isEqualTo("v" + entry.key());
            }
            assertThat(inOrder).isSorted().hasSize(size);
            for (int i = 0; i < size; i++) {
                assertThat(map.indexOf(i * 3).getAsLong()).isEqualTo(i);
            }
            assertThat(map.indexOf(1).isPresent()).isFalse();
        }
    }

    @Test
    void aMapMadeAtOnceChangesAsOneMadeByInsertions() {
        Random random = new Random(11);
        SortedLines<Integer, Integer> lines = new SortedLines<>();
        SortedMap<Integer, Integer> inserted = new SortedMap<>();
        for (int i = 0; i < 5_000; i++) {
            int key = random.nextInt(1_000_000);
            if (!inserted.contains(key)) {
                lines.add(key, key);
                inserted = inserted.put(key, key);
            }
        }
        SortedMap<Integer, Integer> made = lines.build();
        for (int i = 0; i < 20_000; i++) {
            int key = random.nextInt(1_000_000);
            if (random.nextBoolean()) {
                made = made.put(key, -key);
                inserted = inserted.put(key, -key);
            } else {
                made = made.remove(key);
                inserted = inserted.remove(key);
            }
        }

        made.root.checkInvariant();
        assertThat(made.size()).isEqualTo(inserted.size());
        assertThat(entries(made)).isEqualTo(entries(inserted));
        assertThat(made.first().key()).isEqualTo(inserted.first().key());
    }

    private static List<String> entries(SortedMap<Integer, Integer> map) {
        List<String> all = new ArrayList<>();
        map.forEach(entry -> all.add(entry.key() + "=" + entry.value()));
        return all;
    }
}
