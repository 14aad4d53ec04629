package org.switchboard.voice;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code perWindow} events per source address in each window of {@code windowMillis}: what a flood from one
 * address gets answered (and logged) before the rest is dropped unanswered. At most {@code maxSources} addresses are
 * tracked, so a flood from many (spoofed) addresses costs bounded memory; beyond that, new addresses are not
 * answered until old windows end. Thread-safe.
 */
final class SourceLimit {

    private record Window(long startMillis, int count) {}

    private final int perWindow;
    private final long windowMillis;
    private final int maxSources;
    private final Map<InetAddress, Window> windows = new ConcurrentHashMap<>();

    SourceLimit(int perWindow, long windowMillis, int maxSources) {
        this.perWindow = perWindow;
        this.windowMillis = windowMillis;
        this.maxSources = maxSources;
    }

    /** Counts one event from {@code source}; true while the source is within its limit. */
    boolean allow(InetAddress source, long nowMillis) {
        if (!windows.containsKey(source) && windows.size() >= maxSources) {
            windows.values().removeIf(w -> nowMillis - w.startMillis() >= windowMillis);
            if (windows.size() >= maxSources) {
                return false;
            }
        }
        Window now = windows.merge(
                source,
                new Window(nowMillis, 1),
                (old, one) -> nowMillis - old.startMillis() >= windowMillis
                        ? one
                        : new Window(old.startMillis(), old.count() + 1));
        return now.count() <= perWindow;
    }
}
