package org.civicline.core.http;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Allows at most {@code limit} requests per key (sender, phone, IP) in each fixed window. Per node: a sender spread
 * over several nodes gets the limit on each, which still stops a flood from one source.
 */
public final class RateLimiter {
    /** Keys kept at most; the oldest windows go first, so a scan of many addresses cannot exhaust memory. */
    private static final int MAX_KEYS = 100_000;

    private final int limit;
    private final long windowMillis;
    private final Clock clock;
    private final Map<String, long[]> windows = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > MAX_KEYS;
        }
    };

    public RateLimiter(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    /** True when the request may go ahead (and counts it). */
    public synchronized boolean tryAcquire(String key) {
        if (key == null || limit <= 0) {
            return true;
        }
        long now = clock.millis();
        long[] window = windows.computeIfAbsent(key, k -> new long[]{now, 0});
        if (now - window[0] >= windowMillis) {
            window[0] = now;
            window[1] = 0;
        }
        if (window[1] >= limit) {
            return false;
        }
        window[1]++;
        return true;
    }

    /**
     * Gives back a request that was counted but not served (the store was down and the sender was told to try
     * again): a resident retrying through an outage must not use up the limit on letters that were never taken.
     */
    public synchronized void release(String key) {
        long[] window = key == null ? null : windows.get(key);
        if (window != null && window[1] > 0) {
            window[1]--;
        }
    }
}
