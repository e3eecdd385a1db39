package org.civicline.telephony.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicline.telephony.twilio.TwilioVoiceTest.ACCOUNT;
import static org.civicline.telephony.twilio.TwilioVoiceTest.PUBLIC_URL;
import static org.civicline.telephony.twilio.TwilioVoiceTest.TOKEN;
import static org.civicline.telephony.twilio.TwilioVoiceTest.await;
import static org.civicline.telephony.twilio.TwilioVoiceTest.next;
import static org.civicline.telephony.twilio.TwilioVoiceTest.sign;

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
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Collectors;
import org.civicline.core.bus.Codecs;
import org.civicline.core.model.Contact;
import org.civicline.core.routing.ContactAssigned;
import org.civicline.core.routing.RoutingAddresses;
import org.civicline.core.store.Stores;
import org.civicline.core.store.redis.RedisStores;
import org.civicline.core.telephony.CallRecord;
import org.civicline.core.testing.RedisTestServer;
import org.civicline.telephony.OneTouchDevices;
import org.civicline.telephony.TelephonyConfig;
import org.civicline.telephony.calls.CallRecords;
import org.civicline.telephony.calls.VoiceIntake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one Redis behind a load balancer: Twilio's webhooks for one call land on either node, and every node
 * hears the assignment. The call's state is in the store, so each webhook finds it and exactly one node moves it.
 */
class TwilioTwoNodesTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final BlockingQueue<Map<String, String>> apiCalls = new LinkedBlockingQueue<>();
    private final String prefix = "twilio-two-" + UUID.randomUUID() + ":";
    private Node a;
    private Node b;
    private final Vertx apiVertx = Vertx.vertx();
    private HttpServer api;

    /** One node: its own Vert.x (its own bus, as a node), the shared Redis, and what reached its router. */
    private final class Node {
        final Vertx vertx = Vertx.vertx();
        final Stores stores = RedisStores.create(RedisTestServer.uri(), prefix, vertx);
        final RouterStandIn routing = new RouterStandIn(vertx);
        final TwilioVoiceRoutes twilio;
        final int port;

        Node(int apiPort) throws Exception {
            Codecs.registerAll(vertx);
            Codecs.register(vertx, CallRecord.class);
            TelephonyConfig config = new TelephonyConfig("none", null, null, null, null, null, null, null, null,
                    new TelephonyConfig.Twilio(true, ACCOUNT, TOKEN, PUBLIC_URL, "http://127.0.0.1:" + apiPort, 2048,
                            null));
            VoiceIntake intake = new VoiceIntake(vertx, config, stores.contacts(), stores.citizens(),
                    OneTouchDevices.of(Set.of()));
            Router router = Router.router(vertx);
            twilio = new TwilioVoiceRoutes(vertx, config, stores.reference(), intake,
                    new CallRecords(vertx, stores.reference()), Clock.systemUTC());
            twilio.mount(router);
            port = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")).actualPort();
        }

        HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
            String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Twilio-Signature", sign(path, form))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    @BeforeEach
    void start() throws Exception {
        Router routes = Router.router(apiVertx);
        routes.route().handler(BodyHandler.create(false));
        routes.post("/2010-04-01/Accounts/:account/Calls/:sid").handler(ctx -> {
            Map<String, String> seen = new LinkedHashMap<>();
            seen.put("sid", ctx.pathParam("sid").replace(".json", ""));
            ctx.request().formAttributes().forEach(e -> seen.put(e.getKey(), e.getValue()));
            apiCalls.add(seen);
            ctx.response().putHeader("Content-Type", "application/json").end("{\"sid\":\"" + seen.get("sid")
                    + "\",\"account_sid\":\"" + ctx.pathParam("account") + "\",\"status\":\"in-progress\"}");
        });
        api = await(apiVertx.createHttpServer().requestHandler(routes).listen(0, "127.0.0.1"));
        a = new Node(api.actualPort());
        b = new Node(api.actualPort());
    }

    @AfterEach
    void stop() throws Exception {
        for (Vertx vertx : List.of(a.vertx, b.vertx, apiVertx)) {
            await(vertx.close());
        }
    }

    private static Map<String, String> call(String sid) {
        return Map.of("CallSid", sid, "AccountSid", ACCOUNT, "From", "+8613800138000", "To", "+8657112345",
                "CallStatus", "ringing");
    }

    private Contact queuedOn(Node node, String sid) throws Exception {
        node.post("/twilio/voice/incoming", call(sid));
        Map<String, String> pressed = new LinkedHashMap<>(call(sid));
        pressed.put("Digits", "2");
        assertThat(node.post("/twilio/voice/menu", pressed).body()).contains("<Enqueue");
        return next(node.routing.enqueued).contact();
    }

    @Test
    void aCallerWhoHangsUpIsAnAbandonWhicheverNodeTwilioTells() throws Exception {
        String sid = "CA" + "b".repeat(32);
        Contact contact = queuedOn(a, sid);

        Map<String, String> left = new LinkedHashMap<>(call(sid));
        left.put("QueueResult", "hangup");
        left.put("QueueTime", "42");
        b.post("/twilio/voice/left", left);

        assertThat(next(b.routing.abandoned).contactId()).isEqualTo(contact.id());
        assertThat(await(a.twilio.liveCalls())).as("no longer live for either node").doesNotContain(sid);
    }

    @Test
    void theAssignmentHeardByBothNodesMovesTheCallOnceAndEitherNodeFinishesIt() throws Exception {
        String sid = "CA" + "c".repeat(32);
        Contact contact = queuedOn(a, sid);
        assertThat(await(b.twilio.liveCalls())).as("node B's live-call answer knows node A's call").contains(sid);

        ContactAssigned assigned = new ContactAssigned(contact.id(), "8001", "PJSIP/8001", contact.channel(),
                contact.call(), false, null);
        a.vertx.eventBus().publish(RoutingAddresses.ASSIGNED, assigned);
        b.vertx.eventBus().publish(RoutingAddresses.ASSIGNED, assigned);
        Map<String, String> moved = next(apiCalls);
        assertThat(moved.get("sid")).isEqualTo(sid);
        assertThat(moved.get("Twiml")).contains("<Client>8001</Client>");

        Map<String, String> dialed = new LinkedHashMap<>(call(sid));
        dialed.put("DialCallStatus", "completed");
        dialed.put("DialCallDuration", "61");
        assertThat(b.post("/twilio/voice/dialed", dialed).body()).contains("<Hangup/>");
        assertThat(next(b.routing.finished).agentId()).isEqualTo("8001");
        assertThat(apiCalls).as("the other node's claim found the call taken").isEmpty();
    }
}
