package org.switchboard.core.heap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The heap against the JDK's priority queue: same order, whatever the pushes, pops and sweeps. */
class PrimitiveHeapTest {

    private record Entry(long first, long second, long payload) {}

    private static final Comparator<Entry> ORDER = Comparator.comparingLong(Entry::first)
            .thenComparingLong(Entry::second)
            .thenComparingLong(Entry::payload);

    @Property(tries = 300)
    void comesOutInTheOrderOfFirstSecondAndPayload(
            @ForAll @Size(max = 300) List<@IntRange(min = 0, max = 40) Integer> keys,
            @ForAll @IntRange(min = 0, max = 7) int popEvery,
            @ForAll @IntRange(min = 0, max = 5) int sweepModulo) {
        PrimitiveHeap heap = new PrimitiveHeap(4);
        PriorityQueue<Entry> reference = new PriorityQueue<>(ORDER);
        for (int i = 0; i < keys.size(); i++) {
            Entry entry = new Entry(keys.get(i) / 5, keys.get(i) % 5, i % 11);
            heap.push(entry.first(), entry.second(), entry.payload());
            reference.add(entry);
            if (popEvery > 0 && i % popEvery == 0) {
                assertThat(top(heap)).isEqualTo(reference.poll());
                heap.removeTop();
            }
            if (sweepModulo > 0 && i % 50 == 49) {
                heap.retainIf((f, s, p) -> p % (sweepModulo + 1) != 0);
                reference.removeIf(e -> e.payload() % (sweepModulo + 1) == 0);
            }
        }
        List<Entry> drained = new ArrayList<>();
        while (!heap.isEmpty()) {
            drained.add(top(heap));
            heap.removeTop();
        }
        List<Entry> expected = new ArrayList<>();
        while (!reference.isEmpty()) {
            expected.add(reference.poll());
        }
        assertThat(drained).isEqualTo(expected);
    }

    @Test
    void anEmptyHeapHasNoTop() {
        PrimitiveHeap heap = new PrimitiveHeap();
        assertThat(heap.topFirst()).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(heap::topPayload).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(heap::removeTop).isInstanceOf(IllegalStateException.class);
    }

    private static Entry top(PrimitiveHeap heap) {
        return new Entry(heap.topFirst(), heap.topSecond(), heap.topPayload());
    }
}
