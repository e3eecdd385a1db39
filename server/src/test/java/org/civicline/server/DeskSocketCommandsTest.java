package org.civicline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.civicline.core.config.AppConfig;
import org.civicline.core.json.Jsons;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A desk takes a contact over its live socket: the offer comes as a frame, the answer and the finish go back as
 * commands with the desk's own reference, and each gets the status and body the HTTP routes would give. A page of
 * another site cannot open a signed-in desk's socket with the browser's cookie.
 */
class DeskSocketCommandsTest {
    private static final String PARTNER_KEY = "partner-open311-key";
    static CivicLine node;

    @BeforeAll
    static void start() throws Exception {
        AppConfig config = AppConfig.load(CaseApiTest.CONFIG, Map.of("CIVICLINE_HTTP_PORT", "0",
                "CIVICLINE_HTTP_HOST", "127.0.0.1", "CIVICLINE_STORE_TYPE", "memory",
                "CIVICLINE_TELEPHONY_PBX", "none", "CIVICLINE_OPEN311_API_KEYS", "demo-city-app-key," + PARTNER_KEY));
        node = CivicLine.start(config, Clock.systemUTC()).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void anOfferIsAnsweredAndFinishedOnTheSocketWithTheAnswersTheHttpRoutesGive() throws Exception {
        // 8002 takes letters and reports (users.yaml).
        Http agent = Http.signedIn(node.httpPort(), "8002");
        Desk desk = Desk.open(node.httpPort(), agent.cookieHeader(), "http://127.0.0.1:" + node.httpPort());
        desk.next("Welcome");
        assertThat(agent.postJson("/api/desk/presence", "{\"presence\": \"AVAILABLE\"}").status()).isEqualTo(200);

        report("幸福路 12 号门前路灯不亮三天了");
        JsonNode offer = desk.next("OfferMade");
        desk.send("{\"type\": \"answer\", \"ref\": \"a-1\", \"offerId\": \"" + offer.get("offerId").asText()
                + "\", \"accept\": true}");
        JsonNode accepted = desk.reply("a-1");
        assertThat(accepted.get("status").asInt()).isEqualTo(200);
        assertThat(accepted.at("/body/contactId").asText()).isEqualTo(offer.get("contactId").asText());
        assertThat(desk.next("ContactAssigned").get("contactId").asText()).isEqualTo(offer.get("contactId").asText());

        desk.send("{\"type\": \"answer\", \"ref\": \"a-2\", \"offerId\": \"" + offer.get("offerId").asText()
                + "\", \"accept\": true}");
        JsonNode again = desk.reply("a-2");
        assertThat(again.get("status").asInt()).isEqualTo(409);
        assertThat(again.at("/body/error").asText()).contains("no longer stands");

        desk.send("{\"type\": \"finish\", \"ref\": \"f-1\", \"contactId\": \"" + offer.get("contactId").asText()
                + "\"}");
        JsonNode finished = desk.reply("f-1");
        assertThat(finished.get("status").asInt()).isEqualTo(200);
        assertThat(finished.at("/body/agentId").asText()).isEqualTo("8002");
        assertThat(finished.at("/body/contactIds")).isEmpty();
        // The router agrees: the agent holds nothing, the same answer the HTTP route gives.
        assertThat(agent.get("/api/desk/me").json().get("contactIds")).isEmpty();

        desk.send("{\"type\": \"finish\", \"ref\": \"f-2\", \"contactId\": \"" + offer.get("contactId").asText()
                + "\"}");
        assertThat(desk.reply("f-2").at("/body/error").asText()).contains("does not hold");
    }

    @Test
    void commandsThatAreNotOnesAreAnsweredWithWhatIsWrong() throws Exception {
        Http agent = Http.signedIn(node.httpPort(), "8005");
        Desk desk = Desk.open(node.httpPort(), agent.cookieHeader(), "http://127.0.0.1:" + node.httpPort());
        desk.next("Welcome");

        desk.send("{\"type\": \"answer\", \"ref\": \"b-1\", \"offerId\": \"o-1\"}");
        JsonNode noAccept = desk.reply("b-1");
        assertThat(noAccept.get("status").asInt()).isEqualTo(400);
        assertThat(noAccept.at("/body/error").asText()).contains("accept");
        desk.send("{\"type\": \"finish\", \"ref\": \"b-2\"}");
        assertThat(desk.reply("b-2").at("/body/error").asText()).contains("contactId");
        desk.send("{\"type\": \"transfer-everything\", \"ref\": \"b-3\"}");
        assertThat(desk.reply("b-3").at("/body/error").asText()).contains("unknown command");
        desk.send("this is not JSON");
        JsonNode notJson = desk.next("Reply");
        assertThat(notJson.get("status").asInt()).isEqualTo(400);
        assertThat(notJson.hasNonNull("ref")).isFalse();
        desk.send("{\"type\": \"finish\", \"ref\": \"b-4\", \"contactId\": \"" + "x".repeat(3_000) + "\"}");
        assertThat(desk.next("Reply").get("status").asInt()).isEqualTo(413);
    }

    @Test
    void aPageOfAnotherSiteCannotOpenASignedInDesksSocket() throws Exception {
        Http agent = Http.signedIn(node.httpPort(), "8001");
        assertThatThrownBy(() -> Desk.open(node.httpPort(), agent.cookieHeader(), "https://evil.example"))
                .hasStackTraceContaining("403");
        assertThatThrownBy(() -> Desk.open(node.httpPort(), agent.cookieHeader(), null))
                .hasStackTraceContaining("403");
        // Behind a proxy that forwards only the host name, the ports may differ.
        Desk.open(node.httpPort(), agent.cookieHeader(), "https://127.0.0.1:8443").next("Welcome");
    }

    private static void report(String description) {
        Map<String, String> form = Map.of("api_key", PARTNER_KEY, "service_code", "0101",
                "lat", "31.2304", "long", "121.4737", "address_string", "幸福路 12 号",
                "description", description, "phone", "13800138000");
        Http.Answer posted = new Http(node.httpPort()).post("/open311/v2/requests.json",
                "application/x-www-form-urlencoded", form.entrySet().stream().map(e -> e.getKey() + "="
                        + java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&")));
        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
    }

    /** A desk's live socket opened with the session cookie, from a page of {@code origin} (null: none sent). */
    private record Desk(WebSocket socket, java.util.List<JsonNode> frames) {
        static Desk open(int port, String cookie, String origin) throws Exception {
            java.util.List<JsonNode> frames = new java.util.ArrayList<>();
            WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().header("Cookie", cookie);
            if (origin != null) {
                builder.header("Origin", origin);
            }
            WebSocket socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"),
                    new WebSocket.Listener() {
                        private final StringBuilder text = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                            text.append(data);
                            if (last) {
                                synchronized (frames) {
                                    frames.add(Jsons.read(text.toString(), JsonNode.class));
                                    frames.notifyAll();
                                }
                                text.setLength(0);
                            }
                            ws.request(1);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            return new Desk(socket, frames);
        }

        void send(String text) throws Exception {
            socket.sendText(text, true).get(10, TimeUnit.SECONDS);
        }

        /** The data of the first frame of {@code type} not taken yet; frames of other types stay for later. */
        JsonNode next(String type) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (true) {
                synchronized (frames) {
                    for (java.util.Iterator<JsonNode> it = frames.iterator(); it.hasNext(); ) {
                        JsonNode frame = it.next();
                        if (type.equals(frame.path("type").asText())) {
                            it.remove();
                            return frame.get("data");
                        }
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + type + " frame within 20 s");
                }
                synchronized (frames) {
                    frames.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            }
        }

        /** The reply to the command sent with {@code ref}. */
        JsonNode reply(String ref) throws InterruptedException {
            JsonNode reply = next("Reply");
            assertThat(reply.get("ref").asText()).isEqualTo(ref);
            return reply;
        }
    }
}
