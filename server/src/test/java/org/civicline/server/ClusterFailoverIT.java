package org.civicline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.eventbus.DeliveryOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.civicline.core.config.AppConfig;
import org.civicline.core.config.ConfigException;
import org.civicline.core.model.Channel;
import org.civicline.core.model.Contact;
import org.civicline.core.model.Priority;
import org.civicline.core.routing.ContactQueued;
import org.civicline.core.routing.EnqueueContact;
import org.civicline.core.routing.OfferMade;
import org.civicline.core.routing.RoutingAddresses;
import org.civicline.core.routing.RoutingNeeds;
import org.civicline.core.testing.RedisTestServer;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on Hazelcast over loopback sharing Redis: the router runs on one of them; when that node goes away the
 * other takes the router over, rebuilds the queue from Redis and offers the contact that was waiting.
 */
class ClusterFailoverIT {

    @Test
    void aSecondNodeWithAnIdTheClusterAlreadyHasDoesNotStart() throws Exception {
        int hzA = freePort();
        int hzB = freePort();
        String members = "127.0.0.1:" + hzA + ",127.0.0.1:" + hzB;
        String prefix = "namesake-" + UUID.randomUUID() + ":";
        CivicLine first = start("node-same", hzA, members, prefix);
        try {
            assertThatThrownBy(() -> start("node-same", hzB, members, prefix))
                    .hasRootCauseInstanceOf(ConfigException.class)
                    .rootCause()
                    .hasMessageContaining("node.id: 'node-same' is already the name of the cluster member at")
                    .hasMessageContaining(String.valueOf(hzA));
            assertThat(first.httpPort()).as("the first node still serves").isPositive();
        } finally {
            first.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void whenTheRoutersNodeDiesTheOtherNodeTakesOverAndOffersTheWaitingContact() throws Exception {
        int hzA = freePort();
        int hzB = freePort();
        String members = "127.0.0.1:" + hzA + ",127.0.0.1:" + hzB;
        String prefix = "cluster-" + UUID.randomUUID() + ":";
        CivicLine a = start("node-a", hzA, members, prefix);
        // Node A takes the router before B joins, so that stopping A is a real take-over.
        Http supervisorOnA = Http.signedIn(a.httpPort(), "zhiban");
        assertThat(supervisorOnA.get("/api/routing/live").status()).isEqualTo(200);
        CivicLine b = start("node-b", hzB, members, prefix);
        try {
            LinkedBlockingQueue<Object> desk = new LinkedBlockingQueue<>();
            b.vertx().eventBus().consumer(RoutingAddresses.agentAddress("8001"), m -> desk.add(m.body()));
            Http agentOnB = Http.signedIn(b.httpPort(), "8001");
            assertThat(agentOnB.postJson("/api/desk/presence", "{\"presence\": \"AVAILABLE\"}").status())
                    .isEqualTo(200);

            Contact first = store(b, "first");
            ContactQueued queued = request(b, new EnqueueContact(first, RoutingNeeds.anyAgent()));
            assertThat(queued.alreadyQueued()).isFalse();
            OfferMade offer = next(desk, OfferMade.class);
            assertThat(offer.contactId()).isEqualTo(first.id());
            assertThat(agentOnB.postJson("/api/desk/offers/" + offer.offerId() + "/answer", "{\"accept\": true}")
                    .status()).isEqualTo(200);

            // A second contact waits: the only agent is busy.
            Contact second = store(b, "second");
            request(b, new EnqueueContact(second, RoutingNeeds.anyAgent()));

            a.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

            // B's router restores the queue from Redis; the agent's desk announces itself again (as it does after
            // a reconnect) and gets the contact that was waiting.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int status = 0;
            while (System.nanoTime() < deadline && status != 200) {
                status = agentOnB.postJson("/api/desk/presence", "{\"presence\": \"AVAILABLE\"}").status();
                if (status != 200) {
                    desk.poll(500, TimeUnit.MILLISECONDS); // bounded wait for the take-over
                }
            }
            assertThat(status).as("the router answers again, on node B").isEqualTo(200);
            // B's router knows the agent still holds the first contact (a voice contact: no second call meanwhile);
            // the agent finishes it there, and gets the one that was waiting.
            assertThat(agentOnB.postJson("/api/desk/contacts/" + first.id() + "/finish", "{}").status())
                    .isEqualTo(200);
            // Ready again at once instead of waiting out the voice queue's 30 s wrap-up.
            assertThat(agentOnB.postJson("/api/desk/presence", "{\"presence\": \"AVAILABLE\"}").status())
                    .isEqualTo(200);
            OfferMade again = next(desk, OfferMade.class);
            assertThat(again.contactId()).isEqualTo(second.id());
        } finally {
            for (CivicLine node : List.of(a, b)) {
                node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        }
    }

    static CivicLine start(String id, int hazelcastPort, String members, String prefix) throws Exception {
        return start(id, hazelcastPort, members, prefix, Map.of());
    }

    /** A node of the test cluster; {@code more} adds or overrides environment settings. */
    static CivicLine start(String id, int hazelcastPort, String members, String prefix, Map<String, String> more)
            throws Exception {
        Map<String, String> env = new HashMap<>(Map.of(
                "CIVICLINE_NODE_ID", id, "CIVICLINE_HTTP_PORT", "0", "CIVICLINE_HTTP_HOST", "127.0.0.1",
                "CIVICLINE_STORE_TYPE", "redis", "CIVICLINE_STORE_REDIS_URI", RedisTestServer.uri(),
                "CIVICLINE_STORE_REDIS_KEY_PREFIX", prefix,
                "CIVICLINE_CLUSTER_ENABLED", "true", "CIVICLINE_CLUSTER_PORT", String.valueOf(hazelcastPort),
                "CIVICLINE_CLUSTER_MEMBERS", members,
                "CIVICLINE_TELEPHONY_SANDBOX_DEMO_CALL_EVERY_SECONDS", "0"));
        env.putAll(more);
        AppConfig config = AppConfig.load(CaseApiTest.CONFIG, env);
        return CivicLine.start(config, Clock.systemUTC()).toCompletionStage().toCompletableFuture()
                .get(90, TimeUnit.SECONDS);
    }

    static Contact store(CivicLine node, String name) throws Exception {
        Contact contact = new Contact(null, Channel.HOTLINE_12345, null, "1380013800" + name.length(), Instant.now(), "路灯坏了 " + name,
                null, null, Priority.NORMAL, "cluster-it-" + name + "-" + UUID.randomUUID(), List.of(), null);
        return node.stores().contacts().add(contact).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS).contact();
    }

    static ContactQueued request(CivicLine node, EnqueueContact enqueue) throws Exception {
        return node.vertx().eventBus().<ContactQueued>request(RoutingAddresses.ENQUEUE, enqueue,
                        new DeliveryOptions().setSendTimeout(10_000))
                .toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS).body();
    }

    private static <T> T next(LinkedBlockingQueue<Object> desk, Class<T> type) throws InterruptedException {
        for (Object o; (o = desk.poll(20, TimeUnit.SECONDS)) != null; ) {
            if (type.isInstance(o)) {
                return type.cast(o);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " arrived");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
