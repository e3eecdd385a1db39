package org.civicline.agentui.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@code maxFailures} failed sign-ins for one user from one address, or
 * {@code 4 × maxFailures} from one address, within {@code window}, further attempts are refused until the oldest
 * failure leaves the window.
 */
public final class SignInLimiter {
    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    public SignInLimiter(Clock clock, int maxFailures, Duration window) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
    }

    /** How long until another attempt is allowed; zero when it is allowed now. */
    public Duration retryAfter(String username, String address) {
        long now = clock.millis();
        long a = wait(username + "|" + address, maxFailures, now);
        long b = wait("|" + address, maxFailures * 4, now);
        return Duration.ofMillis(Math.max(a, b));
    }

    public void failed(String username, String address) {
        long now = clock.millis();
        record(username + "|" + address, now);
        record("|" + address, now);
    }

    public void succeeded(String username, String address) {
        failures.remove(username + "|" + address);
    }

    private void record(String key, long now) {
        Deque<Long> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            prune(times, now);
            times.addLast(now);
        }
    }

    private long wait(String key, int limit, long now) {
        Deque<Long> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            prune(times, now);
            if (times.size() < limit) {
                return 0;
            }
            return times.peekFirst() + window.toMillis() - now;
        }
    }

    private void prune(Deque<Long> times, long now) {
        while (!times.isEmpty() && times.peekFirst() + window.toMillis() <= now) {
            times.pollFirst();
        }
    }
}
