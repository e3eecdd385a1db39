package org.civicline.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.civicline.core.config.AppConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole node: a device gateway's SOS reaches a ready elderly-line agent as an offer, and the family's SMS goes out
 * through the Twilio SDK to a local server standing in for Twilio, which records what the SDK really sent.
 */
class OneTouchAlarmSmsTest {
    private static final String SID = "AC00000000000000000000000000000001";

    static Vertx stubVertx;
    static HttpServer twilio;
    static final LinkedBlockingQueue<String> sent = new LinkedBlockingQueue<>();
    static CivicLine node;

    @BeforeAll
    static void start() throws Exception {
        stubVertx = Vertx.vertx();
        twilio = stubVertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            String form = URLDecoder.decode(body.toString(), StandardCharsets.UTF_8);
            sent.add(request.method() + " " + request.path() + " " + form);
            request.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                    .end("{\"sid\":\"SM00000000000000000000000000000001\",\"account_sid\":\"" + SID + "\","
                            + "\"status\":\"queued\",\"num_segments\":\"1\",\"direction\":\"outbound-api\","
                            + "\"api_version\":\"2010-04-01\"}");
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        AppConfig config = AppConfig.load(CaseApiTest.CONFIG, Map.of(
                "CIVICLINE_HTTP_PORT", "0", "CIVICLINE_HTTP_HOST", "127.0.0.1", "CIVICLINE_STORE_TYPE", "memory",
                "CIVICLINE_TELEPHONY_SANDBOX_DEMO_CALL_EVERY_SECONDS", "0",
                "CIVICLINE_TWILIO_ACCOUNT_SID", SID, "CIVICLINE_TWILIO_AUTH_TOKEN", "test-token",
                "CIVICLINE_TWILIO_API_BASE_URL", "http://127.0.0.1:" + twilio.actualPort(),
                "CIVICLINE_TWILIO_FROM_NUMBER", "+8612349000000"));
        node = CivicLine.start(config, Clock.systemUTC()).toCompletionStage().toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        stubVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void anSosIsOfferedToTheElderlyAgentAndTheFamilyGetsAnSmsThroughTwilio() throws Exception {
        Http agent = Http.signedIn(node.httpPort(), "8003");
        assertThat(agent.postJson("/api/desk/presence", "{\"presence\": \"AVAILABLE\"}").status()).isEqualTo(200);

        HttpResponse<String> alarm = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + node.httpPort() + "/api/devices/alarms"))
                .header("Content-Type", "application/json")
                .header("X-Gateway-Id", "demo-gateway").header("X-Gateway-Key", "demo-gateway-key-change-me")
                .POST(HttpRequest.BodyPublishers.ofString("{\"deviceId\": \"ot-0001\", \"type\": \"SOS\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(alarm.statusCode()).as(alarm.body()).isBetween(200, 202);

        String sms = sent.poll(20, TimeUnit.SECONDS);
        assertThat(sms).as("the family's SMS reached the Twilio stand-in").isNotNull();
        assertThat(sms).startsWith("POST /2010-04-01/Accounts/" + SID + "/Messages.json")
                .contains("13805710002").contains("From=+8612349000000");

        Http supervisor = Http.signedIn(node.httpPort(), "zhiban");
        var agents = supervisor.get("/api/routing/agents").json();
        assertThat(supervisor.get("/api/routing/live").json().get("offersOutstanding").asInt())
                .as("the alarm is offered at once: " + agents).isEqualTo(1);
    }
}
