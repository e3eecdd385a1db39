package org.civicline.agentui.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.civicline.core.time.ManualClock;
import org.junit.jupiter.api.Test;

class SignInLimiterTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T02:00:00Z"), ZoneOffset.UTC);
    private final SignInLimiter limiter = new SignInLimiter(clock, 5, Duration.ofMinutes(15));

    @Test
    void fiveFailuresPauseThatUserFromThatAddressUntilTheOldestLeavesTheWindow() {
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.retryAfter("8001", "10.0.0.1")).isZero();
            limiter.failed("8001", "10.0.0.1");
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(limiter.retryAfter("8001", "10.0.0.1")).isEqualTo(Duration.ofMinutes(10));
        assertThat(limiter.retryAfter("8001", "10.0.0.2")).as("another address").isZero();
        assertThat(limiter.retryAfter("8002", "10.0.0.1")).as("another user").isZero();
        clock.advance(Duration.ofMinutes(10));
        assertThat(limiter.retryAfter("8001", "10.0.0.1")).isZero();
    }

    @Test
    void oneAddressGuessingManyUsersIsPausedToo() {
        for (int i = 0; i < 20; i++) {
            limiter.failed("user" + i, "10.0.0.9");
        }
        assertThat(limiter.retryAfter("somebody-new", "10.0.0.9")).isPositive();
    }

    @Test
    void aSuccessClearsTheUsersFailures() {
        for (int i = 0; i < 4; i++) {
            limiter.failed("8001", "10.0.0.1");
        }
        limiter.succeeded("8001", "10.0.0.1");
        limiter.failed("8001", "10.0.0.1");
        assertThat(limiter.retryAfter("8001", "10.0.0.1")).isZero();
    }
}
