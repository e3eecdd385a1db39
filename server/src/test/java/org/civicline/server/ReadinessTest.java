package org.civicline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.civicline.core.config.AppConfig;
import org.civicline.core.testing.RedisTestServer;
import org.junit.jupiter.api.Test;

/**
 * {@code /ready} answers 200 only when the store and the AMI connection are reachable, and otherwise 503 naming
 * what is down: a real Redis of the test's own stopped and started again, an AMI pointed at a port nobody listens on.
 */
class ReadinessTest {

    static CivicLine start(Map<String, String> overrides) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("CIVICLINE_HTTP_PORT", "0", "CIVICLINE_HTTP_HOST",
                "127.0.0.1", "CIVICLINE_TELEPHONY_SANDBOX_DEMO_CALL_EVERY_SECONDS", "0"));
        env.putAll(overrides);
        return CivicLine.start(AppConfig.load(CaseApiTest.CONFIG, env), Clock.systemUTC()).toCompletionStage()
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** Asks until {@code wanted} holds (the AMI login and Lettuce's view of a dead socket take a moment). */
    static Http.Answer readyUntil(Http http, Predicate<Http.Answer> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Http.Answer answer = http.get("/ready");
        while (!wanted.test(answer) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            answer = http.get("/ready");
        }
        return answer;
    }

    static boolean down(Http.Answer answer, String part) {
        JsonNode down = answer.json().get("down");
        if (answer.status() != 503 || down == null) {
            return false;
        }
        for (JsonNode d : down) {
            if (d.asText().equals(part)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void readyWithRedisAndTheSandboxPbxThenNotReadyNamingTheStoreWhileRedisIsDown() throws Exception {
        try (RedisTestServer.Instance redis = RedisTestServer.startPrivate(Files.createTempDirectory("ready-redis"))) {
            CivicLine node = start(Map.of("CIVICLINE_STORE_TYPE", "redis", "CIVICLINE_STORE_REDIS_URI",
                    redis.uri() + "?timeout=2s", "CIVICLINE_TELEPHONY_PBX", "sandbox"));
            try {
                Http http = new Http(node.httpPort());
                Http.Answer up = readyUntil(http, a -> a.status() == 200);
                assertThat(up.status()).as(up.body()).isEqualTo(200);
                assertThat(up.json().get("status").asText()).isEqualTo("READY");
                assertThat(up.json().get("checks").get("store").asText()).isEqualTo("UP");
                assertThat(up.json().get("checks").get("ami").asText()).isEqualTo("UP");
                // The readiness PING went through Lettuce, which times every command into the node's registry.
                PrometheusText metrics = PrometheusText.parse(http.get("/metrics").body());
                assertThat(metrics.value("lettuce_command_completion_seconds_count", "command", "PING"))
                        .isGreaterThanOrEqualTo(1);
                assertThat(metrics.has("lettuce_command_completion_seconds_bucket", "command", "PING", "le", "0.01"))
                        .isTrue();

                redis.stop();
                Http.Answer storeDown = readyUntil(http, a -> down(a, "store"));
                assertThat(storeDown.status()).as(storeDown.body()).isEqualTo(503);
                assertThat(storeDown.raw().headers().firstValue("Retry-After")).isPresent();
                assertThat(storeDown.json().get("down")).extracting(JsonNode::asText).containsExactly("store");
                assertThat(http.get("/health").status()).as("alive all the same").isEqualTo(200);

                redis.start();
                Http.Answer back = readyUntil(http, a -> a.status() == 200);
                assertThat(back.status()).as("Lettuce reconnects: " + back.body()).isEqualTo(200);
            } finally {
                node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void notReadyNamingTheAmiWhenThePbxCannotBeReached() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        CivicLine node = start(Map.of("CIVICLINE_STORE_TYPE", "memory", "CIVICLINE_TELEPHONY_PBX", "asterisk",
                "CIVICLINE_TELEPHONY_AMI_HOST", "127.0.0.1", "CIVICLINE_TELEPHONY_AMI_PORT",
                Integer.toString(deadPort)));
        try {
            Http http = new Http(node.httpPort());
            Http.Answer answer = readyUntil(http, a -> down(a, "ami"));
            assertThat(answer.status()).as(answer.body()).isEqualTo(503);
            assertThat(answer.json().get("status").asText()).isEqualTo("NOT_READY");
            assertThat(answer.json().get("down")).extracting(JsonNode::asText).containsExactly("ami");
            assertThat(answer.json().get("checks").get("store").asText()).isEqualTo("UP");
            assertThat(answer.json().get("checks").get("ami").asText()).contains("not connected");
        } finally {
            node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void withoutAPbxOnlyTheStoreCounts() throws Exception {
        CivicLine node = start(Map.of("CIVICLINE_STORE_TYPE", "memory", "CIVICLINE_TELEPHONY_PBX", "none"));
        try {
            Http.Answer answer = new Http(node.httpPort()).get("/ready");
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.json().get("checks").has("ami")).isFalse();
        } finally {
            node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
