package org.switchboard.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * At most {@code limit} requests a key in each window of {@code windowMs} (a fixed window: simple, and a burst at a
 * window's edge costs at most twice the limit), for the most recent {@value #KEYS} keys. Thread-safe. Used where one
 * sender must not crowd out the others: a number's USSD requests.
 */
final class RequestQuota {

    static final int KEYS = 100_000;
    private final int limit;
    private final long windowMs;
    /** Key to {window start, requests in it}. */
    private final LinkedHashMap<String, long[]> windows = new LinkedHashMap<>(1_024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > KEYS;
        }
    };

    RequestQuota(int limit, long windowMs) {
        this.limit = limit;
        this.windowMs = windowMs;
    }

    /** Counts a request of {@code key}; 0 when it is within the quota, else the ms until the next window. */
    synchronized long take(String key, long nowMs) {
        long[] window = windows.computeIfAbsent(key, k -> new long[] {nowMs, 0});
        if (nowMs - window[0] >= windowMs || nowMs < window[0]) {
            window[0] = nowMs;
            window[1] = 0;
        }
        if (window[1] >= limit) {
            return Math.max(1, window[0] + windowMs - nowMs);
        }
        window[1]++;
        return 0;
    }
}
