package org.switchboard.runtime;

import io.lacuna.bifurcan.SortedMap;
import io.lacuna.bifurcan.nodes.SortedMapNodes;
import io.lacuna.bifurcan.nodes.SortedMapNodes.Color;
import io.lacuna.bifurcan.nodes.SortedMapNodes.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A persistent sorted map made at once from all its entries, in {@code O(n)} after a sort, instead of one insertion
 * (with its rebalancing) per entry: a start with 400,000 waiting contacts spent about a second inserting them one by
 * one into its queues' lines (docs/benchmarks.md, "Restart").
 *
 * <p>The tree is balanced by halving the sorted entries; every level is full but the deepest, whose nodes are red and
 * all others black, so every path from the root to a leaf holds the same number of black nodes and no red node has a
 * red child: a valid red-black tree for bifurcan's {@link SortedMap}, which then changes it as any other. Built from
 * bifurcan's public node type; {@code SortedLinesTest} checks the invariants with bifurcan's own
 * {@code checkInvariant}.
 */
final class SortedLines<K extends Comparable<K>, V> {

    private final List<Map.Entry<K, V>> entries = new ArrayList<>();

    void add(K key, V value) {
        entries.add(Map.entry(key, value));
    }

    /** The map of every entry added (keys must be distinct), persistent. */
    SortedMap<K, V> build() {
        entries.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
        SortedMap<K, V> map = new SortedMap<>();
        if (!entries.isEmpty()) {
            int deepest = 31 - Integer.numberOfLeadingZeros(entries.size()); // depth of the last, partial level
            map.root = node(0, entries.size(), 0, deepest);
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    private Node<K, V> node(int from, int to, int depth, int deepest) {
        if (from >= to) {
            return (Node<K, V>) SortedMapNodes.EMPTY_NODE;
        }
        int middle = (from + to) >>> 1;
        Map.Entry<K, V> entry = entries.get(middle);
        Color color = depth == deepest && depth > 0 ? Color.RED : Color.BLACK;
        return new Node<>(
                color,
                node(from, middle, depth + 1, deepest),
                entry.getKey(),
                entry.getValue(),
                node(middle + 1, to, depth + 1, deepest));
    }
}
