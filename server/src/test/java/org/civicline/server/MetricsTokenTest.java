package org.civicline.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.civicline.core.config.AppConfig;
import org.civicline.core.config.ConfigException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With {@code metrics.token} set, every scraper must send it, loopback callers too; without metrics, no page. */
class MetricsTokenTest {
    static final String TOKEN = "scrape-token-0123456789";
    static CivicLine node;

    @BeforeAll
    static void start() throws Exception {
        AppConfig config = AppConfig.load(CaseApiTest.CONFIG, Map.of("CIVICLINE_HTTP_PORT", "0",
                "CIVICLINE_HTTP_HOST", "127.0.0.1", "CIVICLINE_STORE_TYPE", "memory",
                "CIVICLINE_TELEPHONY_PBX", "none", "CIVICLINE_METRICS_TOKEN", TOKEN));
        node = CivicLine.start(config, Clock.systemUTC()).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void theBearerTokenIsRequiredEvenFromLoopback() {
        Http http = new Http(node.httpPort());
        Http.Answer none = http.get("/metrics");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).startsWith("Bearer"));
        assertThat(http.get("/metrics", "Authorization", "Bearer " + TOKEN + "x").status()).isEqualTo(401);
        assertThat(http.get("/metrics", "Authorization", "Basic " + TOKEN).status()).isEqualTo(401);

        Http.Answer allowed = http.get("/metrics", "Authorization", "Bearer " + TOKEN,
                "X-Forwarded-For", "203.0.113.7");
        assertThat(allowed.status()).as("with the token, from anywhere").isEqualTo(200);
        assertThat(allowed.body()).contains("civicline_contacts_received_total");
    }

    @Test
    void aShortTokenStopsTheStartNamingTheKey() {
        AppConfig config = AppConfig.load(CaseApiTest.CONFIG, Map.of("CIVICLINE_METRICS_TOKEN", "short"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> config.section("metrics", MetricsConfig.class))
                .isInstanceOf(ConfigException.class).hasMessageContaining("metrics.token");
    }

    @Test
    void withMetricsOffThereIsNoPage() throws Exception {
        AppConfig config = AppConfig.load(CaseApiTest.CONFIG, Map.of("CIVICLINE_HTTP_PORT", "0",
                "CIVICLINE_HTTP_HOST", "127.0.0.1", "CIVICLINE_STORE_TYPE", "memory",
                "CIVICLINE_TELEPHONY_PBX", "none", "CIVICLINE_METRICS_ENABLED", "false"));
        CivicLine off = CivicLine.start(config, Clock.systemUTC()).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        try {
            assertThat(new Http(off.httpPort()).get("/metrics").status()).isEqualTo(404);
            assertThat(new Http(off.httpPort()).get("/ready").status()).isEqualTo(200);
        } finally {
            off.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
