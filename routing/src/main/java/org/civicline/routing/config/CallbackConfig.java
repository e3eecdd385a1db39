package org.civicline.routing.config;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Callback tasks: how often and when to try.
 *
 * @param retryDelaysMinutes wait before each further attempt; attempts = 1 + its size (e.g. [10, 30, 120])
 * @param quietFrom          no callbacks from this local time …
 * @param quietUntil         … until this one (spans midnight when quietFrom is later)
 */
public record CallbackConfig(List<Integer> retryDelaysMinutes, LocalTime quietFrom, LocalTime quietUntil) {

    public CallbackConfig {
        retryDelaysMinutes = retryDelaysMinutes == null ? List.of(10, 30, 120) : List.copyOf(retryDelaysMinutes);
        quietFrom = quietFrom == null ? LocalTime.of(21, 0) : quietFrom;
        quietUntil = quietUntil == null ? LocalTime.of(8, 0) : quietUntil;
    }

    public int maxAttempts() {
        return 1 + retryDelaysMinutes.size();
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (retryDelaysMinutes.stream().anyMatch(d -> d == null || d < 1)) {
            problems.add("callbacks.retryDelaysMinutes: every delay must be at least 1 minute, got " + retryDelaysMinutes);
        }
        return problems;
    }
}
