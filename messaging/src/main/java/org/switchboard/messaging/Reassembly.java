package org.switchboard.messaging;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The parts of long messages on their way in, put back together by sender and reference. A message whose parts do
 * not all come within {@link #WAIT_MS} is given up with what came (logged by the caller); at most {@link #LIMIT}
 * messages wait at once, the oldest given up first, so a flood of first parts cannot fill the memory. Thread-safe.
 */
final class Reassembly {

    static final long WAIT_MS = 5 * 60_000;
    static final int LIMIT = 10_000;

    private record Key(String from, int reference, int count) {}

    private static final class Waiting {
        final String[] parts;
        final long firstAtMs;
        int present;

        Waiting(int count, long firstAtMs) {
            this.parts = new String[count];
            this.firstAtMs = firstAtMs;
        }
    }

    private final Map<Key, Waiting> waiting = new LinkedHashMap<>();
    private long given;

    /** Adds a part; the whole text once every part came, else null. A part that came before replaces itself. */
    synchronized @Nullable String add(String from, SmsText.Concatenation part, String text, long nowMs) {
        forgetBefore(nowMs - WAIT_MS);
        Key key = new Key(from, part.reference(), part.count());
        Waiting message = waiting.get(key);
        if (message == null) {
            if (waiting.size() >= LIMIT) {
                Iterator<Waiting> oldest = waiting.values().iterator();
                oldest.next();
                oldest.remove();
                given++;
            }
            message = new Waiting(part.count(), nowMs);
            waiting.put(key, message);
        }
        if (message.parts[part.number() - 1] == null) {
            message.present++;
        }
        message.parts[part.number() - 1] = text;
        if (message.present < part.count()) {
            return null;
        }
        waiting.remove(key);
        return String.join("", message.parts);
    }

    private void forgetBefore(long cutMs) {
        for (Iterator<Waiting> i = waiting.values().iterator(); i.hasNext(); ) {
            if (i.next().firstAtMs >= cutMs) {
                return;
            }
            i.remove();
            given++;
        }
    }

    /** Messages waiting for parts now. */
    synchronized int waiting() {
        return waiting.size();
    }

    /** Messages given up so far: parts missing after the wait, or pushed out by the limit. */
    synchronized long givenUp() {
        return given;
    }
}
