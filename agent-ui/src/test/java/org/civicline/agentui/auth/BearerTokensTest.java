package org.civicline.agentui.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.civicline.core.time.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BearerTokensTest {
    private final Vertx vertx = Vertx.vertx();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-24T08:00:00Z"), ZoneOffset.UTC);
    private final BearerTokens tokens = new BearerTokens(vertx, clock, Duration.ofHours(12));

    @AfterEach
    void stop() throws Exception {
        await(vertx.close());
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aTokenNamesItsWorkerUntilItExpires() throws Exception {
        String token = await(tokens.issue("wangge01"));

        assertThat(await(tokens.username(token))).contains("wangge01");
        assertThat(await(tokens.username(token + "x"))).isEmpty();
        clock.advance(Duration.ofHours(11).plusMinutes(59));
        assertThat(await(tokens.username(token))).contains("wangge01");
        clock.advance(Duration.ofMinutes(1));
        assertThat(await(tokens.username(token))).isEmpty();
        AsyncMap<String, String> map = await(vertx.sharedData().getAsyncMap(BearerTokens.MAP));
        assertThat(await(map.size())).as("the expired grant is dropped").isZero();
    }

    @Test
    void aRevokedTokenIsRefused() throws Exception {
        String token = await(tokens.issue("wangge01"));
        String other = await(tokens.issue("wangge01"));

        await(tokens.revoke(token));

        assertThat(await(tokens.username(token))).isEmpty();
        assertThat(await(tokens.username(other))).as("the phone's other sign-in").contains("wangge01");
    }

    @Test
    void theSharedMapHoldsNoUsableToken() throws Exception {
        String token = await(tokens.issue("wangge01"));

        AsyncMap<String, String> map = await(vertx.sharedData().getAsyncMap(BearerTokens.MAP));
        assertThat(await(map.keys())).hasSize(1).doesNotContain(token);
        assertThat(await(map.values())).allSatisfy(value -> assertThat(value).doesNotContain(token));
        assertThat(await(tokens.username(null))).isEqualTo(Optional.empty());
        assertThat(await(tokens.username("x".repeat(300)))).isEmpty();
    }
}
