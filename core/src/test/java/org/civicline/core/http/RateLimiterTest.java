package org.civicline.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.civicline.core.time.ManualClock;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-24T02:00:00Z"), ZoneOffset.UTC);
    private final RateLimiter limiter = new RateLimiter(3, Duration.ofMinutes(1), clock);

    @Test
    void eachKeyHasItsOwnAllowanceUntilTheWindowEnds() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("a")).isTrue();
        }
        assertThat(limiter.tryAcquire("a")).isFalse();
        assertThat(limiter.tryAcquire("b")).isTrue();

        clock.advance(Duration.ofSeconds(59));
        assertThat(limiter.tryAcquire("a")).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire("a")).isTrue();
    }

    @Test
    void aReleasedRequestIsGivenBack() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("a")).isTrue();
        }
        limiter.release("a");
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();
    }

    @Test
    void noKeyOrNoLimitIsNeverRefused() {
        RateLimiter off = new RateLimiter(0, Duration.ofMinutes(1), clock);
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.tryAcquire(null)).isTrue();
            assertThat(off.tryAcquire("a")).isTrue();
        }
    }
}
