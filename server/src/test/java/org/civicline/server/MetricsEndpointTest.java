package org.civicline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.civicline.core.config.AppConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics} on a node with the embedded defaults, listening on every interface and without a metrics
 * token: a contact handed in through Open311 shows on its channel's counters and in the queue's gauge; only
 * loopback callers are served, and not through a proxy.
 */
class MetricsEndpointTest {
    static final String PARTNER_KEY = "partner-open311-key";
    static CivicLine node;
    static Http local;

    @BeforeAll
    static void start() throws Exception {
        AppConfig config = AppConfig.load(CaseApiTest.CONFIG, Map.of("CIVICLINE_HTTP_PORT", "0",
                "CIVICLINE_HTTP_HOST", "0.0.0.0", "CIVICLINE_STORE_TYPE", "memory",
                "CIVICLINE_TELEPHONY_SANDBOX_DEMO_CALL_EVERY_SECONDS", "0", "CIVICLINE_METRICS_EVENT_BUS", "true",
                // A partner's key: the city app's own key would label the report APP (随手拍).
                "CIVICLINE_OPEN311_API_KEYS", "demo-city-app-key," + PARTNER_KEY));
        node = CivicLine.start(config, Clock.systemUTC()).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        local = new Http(node.httpPort());
    }

    @AfterAll
    static void stop() throws Exception {
        node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    static PrometheusText scrape() {
        Http.Answer answer = local.get("/metrics");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return PrometheusText.parse(answer.body());
    }

    /** Scrapes until {@code done} holds; the queue gauges follow the router's live view every two seconds. */
    static PrometheusText scrapeUntil(Predicate<PrometheusText> done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        PrometheusText last = scrape();
        while (!done.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            last = scrape();
        }
        return last;
    }

    @Test
    void anOpen311ReportCountsOnItsChannelAndWaitsInTheQueueGauge() throws Exception {
        PrometheusText before = scrape();
        double received = before.value("civicline_contacts_received_total", "channel", "OPEN311");
        double acknowledged = before.value("civicline_intake_seconds_count", "channel", "OPEN311");
        double entered = before.value("civicline_queue_entered_total", "channel", "OPEN311");
        double waiting = before.value("civicline_queue_waiting", "channel", "OPEN311");
        double letters = before.value("civicline_queue_waiting_by_class", "priority_class", "LETTER");
        double appReceived = before.value("civicline_contacts_received_total", "channel", "APP");

        Map<String, String> form = Map.of("api_key", PARTNER_KEY, "service_code", "0101",
                "lat", "31.2304", "long", "121.4737", "address_string", "幸福路 12 号",
                "description", "幸福路 12 号门前路灯不亮三天了", "phone", "13800138000");
        Http.Answer posted = local.post("/open311/v2/requests.json", "application/x-www-form-urlencoded",
                form.entrySet().stream().map(e -> e.getKey() + "=" + java.net.URLEncoder.encode(e.getValue(),
                        java.nio.charset.StandardCharsets.UTF_8)).collect(Collectors.joining("&")));
        assertThat(posted.status()).as(posted.body()).isEqualTo(200);

        // No agent is signed in: the report waits in the one queue.
        PrometheusText after = scrapeUntil(s -> s.value("civicline_queue_waiting", "channel", "OPEN311")
                > waiting);
        assertThat(after.value("civicline_queue_waiting", "channel", "OPEN311")).as(after.describe("OPEN311"))
                .isEqualTo(waiting + 1);
        assertThat(after.value("civicline_queue_waiting_by_class", "priority_class", "LETTER"))
                .isEqualTo(letters + 1);
        assertThat(after.value("civicline_contacts_received_total", "channel", "OPEN311")).isEqualTo(received + 1);
        assertThat(after.value("civicline_intake_seconds_count", "channel", "OPEN311")).isEqualTo(acknowledged + 1);
        assertThat(after.value("civicline_queue_entered_total", "channel", "OPEN311")).isEqualTo(entered + 1);
        assertThat(after.value("civicline_contacts_received_total", "channel", "APP")).as("the city app's channel")
                .isEqualTo(appReceived);
        assertThat(after.value("civicline_queue_longest_wait_seconds", "channel", "OPEN311")).isGreaterThanOrEqualTo(0);
        assertThat(after.value("civicline_router_active", "node", node.nodeId())).isEqualTo(1);
    }

    @Test
    void vertxOwnHttpAndEventBusFiguresAndTheAmiStateAreThere() throws Exception {
        // An agent coming and going: the router publishes their state on the agent's own address.
        Http agent = Http.signedIn(node.httpPort(), "8002");
        assertThat(agent.postJson("/api/desk/presence", "{\"presence\": \"AVAILABLE\"}").status()).isEqualTo(200);
        assertThat(agent.postJson("/api/desk/presence", "{\"presence\": \"OFFLINE\"}").status()).isEqualTo(200);

        PrometheusText page = scrapeUntil(s -> s.value("civicline_ami_connected") == 1);
        assertThat(page.value("civicline_ami_connected")).as("the sandbox PBX is up").isEqualTo(1);
        // Vert.x Web names the route by the chain of routes that handled it (body handler, guard, endpoint).
        assertThat(page.samples().stream().filter(x -> x.name().equals("vertx_http_server_requests_total")
                        && "POST".equals(x.labels().get("method")) && "200".equals(x.labels().get("code"))
                        && x.labels().getOrDefault("route", "").endsWith("/api/desk/presence"))
                .mapToDouble(PrometheusText.Sample::value).sum()).as(page.describe("POST")).isGreaterThanOrEqualTo(2);
        assertThat(page.value("vertx_eventbus_published_total", "address", "civicline.agent.*"))
                .as("agents' own bus addresses share one series").isGreaterThanOrEqualTo(2);
        assertThat(page.samples()).noneMatch(s -> s.labels().getOrDefault("address", "")
                .matches("(civicline\\.agent|__vertx\\.reply)\\..*\\d"));
        assertThat(page.samples()).as("routes by template, never by raw path")
                .noneMatch(s -> s.labels().getOrDefault("route", "").matches(".*\\d{8}-\\d+.*"));
        assertThat(page.has("civicline_agents", "presence", "OFFLINE")).isTrue();
        assertThat(page.has("jvm_memory_used_bytes")).isTrue();
        assertThat(page.has("lettuce_command_completion_seconds_count")).as("the store is in memory").isFalse();
    }

    @Test
    void theEventBusIsCountedOnlyWhenAskedFor() throws Exception {
        AppConfig config = AppConfig.load(CaseApiTest.CONFIG, Map.of("CIVICLINE_HTTP_PORT", "0",
                "CIVICLINE_STORE_TYPE", "memory", "CIVICLINE_TELEPHONY_SANDBOX_DEMO_CALL_EVERY_SECONDS", "0"));
        assertThat(config.section("metrics", MetricsConfig.class).eventBus()).as("off by default").isFalse();
        CivicLine plain = CivicLine.start(config, Clock.systemUTC()).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        try {
            Http agent = Http.signedIn(plain.httpPort(), "8002");
            assertThat(agent.postJson("/api/desk/presence", "{\"presence\": \"AVAILABLE\"}").status()).isEqualTo(200);
            assertThat(agent.postJson("/api/desk/presence", "{\"presence\": \"OFFLINE\"}").status()).isEqualTo(200);
            Http.Answer answer = new Http(plain.httpPort()).get("/metrics");
            assertThat(answer.status()).isEqualTo(200);
            PrometheusText page = PrometheusText.parse(answer.body());
            assertThat(page.has("vertx_http_server_requests_total")).as("HTTP is still counted").isTrue();
            assertThat(page.samples()).noneMatch(s -> s.name().startsWith("vertx_eventbus_"));
        } finally {
            plain.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyCivicLineSeriesTheSampleAlertsNameIsOnThePage() throws Exception {
        String rules = java.nio.file.Files.readString(CaseApiTest.CONFIG.resolve("cluster/civicline-alerts.yml"));
        java.util.regex.Matcher names = java.util.regex.Pattern.compile("civicline_[a-z_]+").matcher(rules);
        java.util.Set<String> named = new java.util.TreeSet<>();
        while (names.find()) {
            named.add(names.group());
        }
        assertThat(named).hasSizeGreaterThan(5);
        PrometheusText page = scrapeUntil(s -> s.value("civicline_ami_connected") == 1);
        assertThat(named).allSatisfy(name -> assertThat(page.has(name)).as(name).isTrue());
    }

    @Test
    void aLoopbackCallerIsServedPrometheusTextButNotThroughAProxy() {
        Http.Answer direct = local.get("/metrics");
        assertThat(direct.status()).isEqualTo(200);
        assertThat(direct.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
        assertThat(direct.body()).contains("# TYPE civicline_contacts_received_total counter");

        Http.Answer proxied = local.get("/metrics", "X-Forwarded-For", "203.0.113.7");
        assertThat(proxied.status()).isEqualTo(403);
        assertThat(proxied.body()).contains("metrics.token");
    }

    @Test
    void aCallerFromAnotherAddressIsRefused() throws Exception {
        Optional<InetAddress> own = nonLoopbackAddress();
        assumeTrue(own.isPresent(), "this machine has no non-loopback IPv4 address to call from");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://"
                        + own.get().getHostAddress() + ":" + node.httpPort() + "/metrics"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
        assertThat(answer.body()).doesNotContain("civicline_");
        // The same address still gets the liveness answer: only metrics are fenced.
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create("http://"
                        + own.get().getHostAddress() + ":" + node.httpPort() + "/health"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    /** An address of this machine's own that is not loopback: a connection to it comes from it. */
    static Optional<InetAddress> nonLoopbackAddress() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()
                        && !address.isLinkLocalAddress()) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }
}
