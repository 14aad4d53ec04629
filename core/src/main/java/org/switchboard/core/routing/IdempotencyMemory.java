package org.switchboard.core.routing;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.message.RequestKey;

/**
 * The outcomes of recent idempotent commands, by scope and key, so that a command sent again (a retry after a lost
 * reply) is answered as the first time and not applied twice. Part of the engine's state: rebuilt by replay (the
 * key is journaled with its command) and carried by snapshots. Entries are forgotten {@link #RETENTION_MS} after
 * their command, by engine time.
 */
final class IdempotencyMemory {

    /** How long a key is remembered: 24 hours of engine time. */
    static final long RETENTION_MS = 24 * 3_600_000L;

    /** One remembered command. */
    record Remembered(long fingerprint, Outcome.Accepted outcome, long atMs) {}

    /** In the order the commands were applied, which is also the order they expire in. */
    private final LinkedHashMap<String, Remembered> byKey = new LinkedHashMap<>();

    @Nullable
    Remembered find(RequestKey key) {
        return byKey.get(key.id());
    }

    void remember(RequestKey key, Outcome.Accepted outcome, long atMs) {
        byKey.put(key.id(), new Remembered(key.fingerprint(), outcome, atMs));
    }

    /** Forgets what is older than the retention at {@code nowMs}. */
    void expire(long nowMs) {
        Iterator<Remembered> oldestFirst = byKey.values().iterator();
        while (oldestFirst.hasNext() && oldestFirst.next().atMs() + RETENTION_MS <= nowMs) {
            oldestFirst.remove();
        }
    }

    int size() {
        return byKey.size();
    }

    /** Every remembered command, oldest first: for snapshots. */
    Map<String, Remembered> entries() {
        return java.util.Collections.unmodifiableMap(byKey);
    }

    /** Restores an entry as a snapshot recorded it; call in the order {@link #entries} gave them. */
    void restore(String id, Remembered remembered) {
        byKey.put(id, remembered);
    }
}
