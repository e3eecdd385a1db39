package org.civicline.telephony.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.civicline.core.bus.Codecs;
import org.civicline.core.model.Channel;
import org.civicline.core.model.Contact;
import org.civicline.core.routing.ContactAbandoned;
import org.civicline.core.routing.ContactAssigned;
import org.civicline.core.routing.ContactReturned;
import org.civicline.core.routing.RoutingAddresses;
import org.civicline.core.store.Stores;
import org.civicline.core.store.memory.MemoryStores;
import org.civicline.core.telephony.CallRecord;
import org.civicline.core.time.ManualClock;
import org.civicline.telephony.OneTouchDevices;
import org.civicline.telephony.TelephonyConfig;
import org.civicline.telephony.calls.CallRecords;
import org.civicline.telephony.calls.VoiceIntake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Twilio's voice webhooks over real HTTP with real signatures, and the SDK's REST call on assignment answered by a
 * local server standing in for Twilio's API.
 */
class TwilioVoiceTest {
    static final String TOKEN = "0123456789abcdef0123456789abcdef";
    static final String ACCOUNT = "AC" + "1".repeat(32);
    static final String PUBLIC_URL = "https://hotline.example.gov";
    static final String CALL_SID = "CA" + "a".repeat(32);
    static final Map<String, String> RINGING = Map.of("CallSid", CALL_SID, "AccountSid", ACCOUNT,
            "From", "+8613800138000", "To", "+8657112345", "CallStatus", "ringing");

    Vertx vertx;
    Stores stores;
    int port;
    HttpClient http = HttpClient.newHttpClient();
    final BlockingQueue<Map<String, String>> apiCalls = new LinkedBlockingQueue<>();
    final BlockingQueue<CallRecord> callRecords = new LinkedBlockingQueue<>();
    RouterStandIn routing;
    volatile boolean apiFails;
    final ManualClock clock = new ManualClock(Instant.parse("2026-11-24T02:00:00Z"), ZoneOffset.UTC);
    TwilioVoiceRoutes routes;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Codecs.registerAll(vertx);
        Codecs.register(vertx, CallRecord.class);
        stores = MemoryStores.create();
        int apiPort = await(fakeTwilioApi()).actualPort();
        TelephonyConfig config = new TelephonyConfig("none", null, null, null, null, null, null, null, null,
                new TelephonyConfig.Twilio(true, ACCOUNT, TOKEN, PUBLIC_URL, "http://127.0.0.1:" + apiPort, 2048, null));
        VoiceIntake intake = new VoiceIntake(vertx, config, stores.contacts(), stores.citizens(),
                OneTouchDevices.of(Set.of()));
        Router router = Router.router(vertx);
        routes = new TwilioVoiceRoutes(vertx, config, stores.reference(), intake,
                new CallRecords(vertx, stores.reference()), clock);
        routes.mount(router);
        router.route().failureHandler(ctx -> ctx.response().setStatusCode(ctx.statusCode() > 0 ? ctx.statusCode() : 500).end());
        port = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")).actualPort();
        routing = new RouterStandIn(vertx);
        vertx.eventBus().<CallRecord>consumer(org.civicline.core.telephony.TelephonyAddresses.CALL_ENDED,
                m -> callRecords.add(m.body()));
    }

    /** Answers the Calls update the SDK makes, as Twilio's API would, and remembers what was asked. */
    private Future<HttpServer> fakeTwilioApi() {
        Router api = Router.router(vertx);
        api.route().handler(BodyHandler.create(false));
        api.post("/2010-04-01/Accounts/:account/Calls/:sid").handler(ctx -> {
            Map<String, String> seen = new LinkedHashMap<>();
            seen.put("path", ctx.request().path());
            seen.put("authorization", ctx.request().getHeader("Authorization"));
            ctx.request().formAttributes().forEach(e -> seen.put(e.getKey(), e.getValue()));
            apiCalls.add(seen);
            if (apiFails) {
                ctx.response().setStatusCode(500).putHeader("Content-Type", "application/json")
                        .end("{\"code\": 20500, \"message\": \"Internal Server Error\", \"status\": 500}");
                return;
            }
            String sid = ctx.pathParam("sid").replace(".json", "");
            ctx.response().putHeader("Content-Type", "application/json")
                    .end("{\"sid\":\"" + sid + "\",\"account_sid\":\"" + ctx.pathParam("account")
                            + "\",\"status\":\"in-progress\"}");
        });
        return vertx.createHttpServer().requestHandler(api).listen(0, "127.0.0.1");
    }

    @AfterEach
    void stop() throws Exception {
        await(vertx.close());
    }

    @Test
    void anIncomingCallIsGreetedAskedTheMenuThenQueuedAndDialledToTheAgentOnAssignment() throws Exception {
        Map<String, String> call = Map.of("CallSid", CALL_SID, "AccountSid", ACCOUNT, "From", "+8613800138000",
                "To", "+8657112345", "CallStatus", "ringing");
        HttpResponse<String> greeting = post("/twilio/voice/incoming", call, true);
        assertThat(greeting.statusCode()).isEqualTo(200);
        assertThat(greeting.body()).contains("<Say language=\"zh-CN\">").contains("<Gather")
                .contains("action=\"/twilio/voice/menu\"").contains("numDigits=\"1\"");

        Map<String, String> pressed = new LinkedHashMap<>(call);
        pressed.put("Digits", "2");
        HttpResponse<String> queued = post("/twilio/voice/menu", pressed, true);
        assertThat(queued.statusCode()).isEqualTo(200);
        assertThat(queued.body()).contains("<Enqueue").contains("action=\"/twilio/voice/left\"");

        Contact contact = next(routing.enqueued).contact();
        assertThat(contact.channel()).isEqualTo(Channel.HOTLINE_12345);
        assertThat(contact.sender()).isEqualTo("+8613800138000");
        assertThat(contact.call().uniqueId()).isEqualTo(CALL_SID);
        assertThat(contact.call().ivrChoice()).isEqualTo("2");
        assertThat(contact.idempotencyKey()).isEqualTo("twilio:" + CALL_SID);

        vertx.eventBus().publish(RoutingAddresses.ASSIGNED, new ContactAssigned(contact.id(), "8001", "PJSIP/8001",
                contact.channel(), contact.call(), false, null));
        Map<String, String> update = next(apiCalls);
        assertThat(update.get("path")).isEqualTo("/2010-04-01/Accounts/" + ACCOUNT + "/Calls/" + CALL_SID + ".json");
        assertThat(update.get("Twiml")).contains("<Dial action=\"/twilio/voice/dialed\" method=\"POST\">"
                + "<Client>8001</Client></Dial>");
        assertThat(update.get("authorization")).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString((ACCOUNT + ":" + TOKEN).getBytes(StandardCharsets.UTF_8)));

        // Twilio reports the agent's leg when it ends: the call record and the agent's wrap-up follow.
        Map<String, String> dialed = new LinkedHashMap<>(call);
        dialed.put("DialCallStatus", "completed");
        dialed.put("DialCallDuration", "95");
        HttpResponse<String> end = post("/twilio/voice/dialed", dialed, true);
        assertThat(end.body()).contains("<Hangup/>");
        assertThat(next(routing.finished).agentId()).isEqualTo("8001");
        CallRecord record = next(callRecords);
        assertThat(record.outcome()).isEqualTo(CallRecord.Outcome.ANSWERED);
        assertThat(record.talkSeconds()).isEqualTo(95);
        assertThat(record.agentId()).isEqualTo("8001");
    }

    @Test
    void aCallTwilioCouldNotMoveOrTheAgentDidNotAnswerGoesBackToTheRouter() throws Exception {
        Map<String, String> call = RINGING;
        Contact contact = queuedThroughTheMenu();

        apiFails = true;
        vertx.eventBus().publish(RoutingAddresses.ASSIGNED, new ContactAssigned(contact.id(), "8001", "PJSIP/8001",
                contact.channel(), contact.call(), false, null));
        next(apiCalls);
        ContactReturned notMoved = next(routing.returned);
        assertThat(notMoved.contactId()).isEqualTo(contact.id());
        assertThat(notMoved.agentId()).isEqualTo("8001");
        assertThat(notMoved.reason()).contains("Twilio could not move the call");

        // The router offers it to the next agent, who lets it ring out. (The SDK tried the failing update more than
        // once before it gave up: those requests are all in before the contact came back.)
        assertThat(apiCalls).allSatisfy(update -> assertThat(update.get("Twiml")).contains("<Client>8001</Client>"));
        apiCalls.clear();
        apiFails = false;
        vertx.eventBus().publish(RoutingAddresses.ASSIGNED, new ContactAssigned(contact.id(), "8002", "PJSIP/8002",
                contact.channel(), contact.call(), false, null));
        assertThat(next(apiCalls).get("Twiml")).contains("<Client>8002</Client>");
        Map<String, String> dialed = new LinkedHashMap<>(call);
        dialed.put("DialCallStatus", "no-answer");
        post("/twilio/voice/dialed", dialed, true);
        ContactReturned rangOut = next(routing.returned);
        assertThat(rangOut.agentId()).isEqualTo("8002");
        assertThat(rangOut.reason()).contains("did not answer (no-answer)");
        assertThat(routing.finished).as("nobody finished a call nobody took").isEmpty();
    }

    @Test
    void aCallWhoseLastWebhookNeverCameIsNoLongerLiveAfterTwilioWouldHaveEndedIt() throws Exception {
        queuedThroughTheMenu();
        assertThat(await(routes.liveCalls())).containsExactly(CALL_SID);

        clock.advance(Duration.ofHours(4).minusSeconds(1));
        assertThat(await(routes.liveCalls())).as("a long wait is still a call").containsExactly(CALL_SID);
        clock.advance(Duration.ofSeconds(2));
        assertThat(await(routes.liveCalls())).isEmpty();
    }

    @Test
    void theElderlyLineSkipsTheMenuAndAHangupInTheQueueIsAnAbandon() throws Exception {
        Map<String, String> call = Map.of("CallSid", CALL_SID, "From", "+8613700000000", "To", "12349");
        HttpResponse<String> answer = post("/twilio/voice/incoming", call, true);
        assertThat(answer.body()).contains("<Enqueue").doesNotContain("<Gather");
        Contact contact = next(routing.enqueued).contact();
        assertThat(contact.channel()).isEqualTo(Channel.ELDER_12349);

        Map<String, String> left = new LinkedHashMap<>(call);
        left.put("QueueResult", "hangup");
        left.put("QueueTime", "42");
        assertThat(post("/twilio/voice/left", left, true).statusCode()).isEqualTo(200);
        ContactAbandoned gone = next(routing.abandoned);
        assertThat(gone.contactId()).isEqualTo(contact.id());
        assertThat(gone.callerNumber()).isEqualTo("+8613700000000");
        CallRecord record = next(callRecords);
        assertThat(record.waitingSeconds()).isEqualTo(42);
        assertThat(record.outcome()).isEqualTo(CallRecord.Outcome.ABANDONED);
    }

    @Test
    void aBadOrMissingSignatureGets403AndNothingHappens() throws Exception {
        Map<String, String> call = Map.of("CallSid", CALL_SID, "From", "+8613800138000", "To", "12345", "Digits", "1");
        assertThat(post("/twilio/voice/menu", call, false).statusCode()).isEqualTo(403);
        // Signed for other parameters than the ones sent.
        HttpResponse<String> forged = send("/twilio/voice/menu", call, sign("/twilio/voice/menu", Map.of("CallSid", CALL_SID)));
        assertThat(forged.statusCode()).isEqualTo(403);
        // The 403 is answered before anything else runs: nothing was stored or queued.
        assertThat(routing.enqueued).isEmpty();
        assertThat(await(stores.contacts().findByIdempotencyKey("twilio:" + CALL_SID))).isEmpty();
    }

    @Test
    void anOversizedBodyIsRefused() throws Exception {
        Map<String, String> call = Map.of("CallSid", CALL_SID, "From", "x".repeat(5000), "To", "12345");
        assertThat(post("/twilio/voice/incoming", call, true).statusCode()).isEqualTo(413);
    }

    /** A caller on the hotline who pressed 2: the contact the router was handed. */
    private Contact queuedThroughTheMenu() throws Exception {
        post("/twilio/voice/incoming", RINGING, true);
        Map<String, String> pressed = new LinkedHashMap<>(RINGING);
        pressed.put("Digits", "2");
        post("/twilio/voice/menu", pressed, true);
        return next(routing.enqueued).contact();
    }

    private HttpResponse<String> post(String path, Map<String, String> form, boolean signed) throws Exception {
        return send(path, form, signed ? sign(path, form) : null);
    }

    private HttpResponse<String> send(String path, Map<String, String> form, String signature) throws Exception {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Twilio's scheme: Base64(HMAC-SHA1(token, public URL + each parameter name and value, sorted by name)). */
    static String sign(String path, Map<String, String> params) throws Exception {
        StringBuilder data = new StringBuilder(PUBLIC_URL + path);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
        T value = queue.poll(10, TimeUnit.SECONDS);
        if (value == null) {
            throw new AssertionError("nothing arrived within 10 s");
        }
        return value;
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
