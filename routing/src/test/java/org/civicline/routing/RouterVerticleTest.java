package org.civicline.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.civicline.core.bus.Codecs;
import org.civicline.core.model.Agent;
import org.civicline.core.model.CallReference;
import org.civicline.core.model.Channel;
import org.civicline.core.model.Contact;
import org.civicline.core.model.Priority;
import org.civicline.core.routing.AgentPresenceChange;
import org.civicline.core.routing.ContactAssigned;
import org.civicline.core.routing.ContactQueued;
import org.civicline.core.routing.EnqueueContact;
import org.civicline.core.routing.LiveCalls;
import org.civicline.core.routing.OfferAnswer;
import org.civicline.core.routing.OfferMade;
import org.civicline.core.routing.PendingEnqueues;
import org.civicline.core.routing.Presence;
import org.civicline.core.routing.RoutingAddresses;
import org.civicline.core.routing.RoutingNeeds;
import org.civicline.core.store.Fence;
import org.civicline.core.store.QueueStore;
import org.civicline.core.store.Stores;
import org.civicline.core.store.memory.MemoryStores;
import org.civicline.core.store.redis.RedisStores;
import org.civicline.core.testing.RedisTestServer;
import org.civicline.routing.config.RoutingConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The router on a real Vert.x event bus, writing its queue through to a real store. */
class RouterVerticleTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Agent AGENT = new Agent("8001", "张敏", Map.of("lang:zh", 9), EnumSet.allOf(Channel.class),
            Map.of(Channel.Medium.VOICE, 1, Channel.Medium.CHAT, 2), "PJSIP/8001");

    private Vertx vertx;

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
        Codecs.registerAll(vertx);
    }

    @AfterEach
    void stopVertx() throws Exception {
        await(vertx.close());
    }

    @Test
    void aQueuedCallIsOfferedOnTheAgentsAddressAndTheAcceptIsPublishedForTelephony() throws Exception {
        Stores stores = MemoryStores.create();
        deploy(stores.queue());
        LinkedBlockingQueue<Object> desk = new LinkedBlockingQueue<>();
        vertx.eventBus().consumer(RoutingAddresses.agentAddress("8001"), m -> desk.add(m.body()));
        CompletableFuture<ContactAssigned> bridged = new CompletableFuture<>();
        vertx.eventBus().<ContactAssigned>consumer(RoutingAddresses.ASSIGNED, m -> bridged.complete(m.body()));

        await(request(RoutingAddresses.PRESENCE, new AgentPresenceChange("8001", Presence.AVAILABLE, null)));
        ContactQueued queued = await(request(RoutingAddresses.ENQUEUE, enqueue("c-1")));
        assertThat(queued.alreadyQueued()).isFalse();
        assertThat(await(stores.queue().loadAll())).extracting(e -> e.contactId()).containsExactly("c-1");

        OfferMade offer = next(desk, OfferMade.class);
        assertThat(offer.contactId()).isEqualTo("c-1");
        ContactAssigned assigned = await(request(RoutingAddresses.ANSWER_OFFER,
                new OfferAnswer(offer.offerId(), "8001", true, null)));
        assertThat(assigned.agentExtension()).isEqualTo("PJSIP/8001");
        assertThat(bridged.get(10, TimeUnit.SECONDS)).isEqualTo(assigned);
        // Kept as held by the agent, for a router that takes over.
        assertThat(await(stores.queue().loadAll())).singleElement()
                .satisfies(e -> assertThat(e.heldBy()).isEqualTo("8001"));

        assertThatThrownBy(() -> await(request(RoutingAddresses.ANSWER_OFFER,
                new OfferAnswer(offer.offerId(), "8001", true, null))))
                .hasCauseInstanceOf(ReplyException.class).hasMessageContaining("no longer stands");
    }

    @Test
    void waitingContactsSurviveARestartOnRedisAndKeepTheirOrder() throws Exception {
        Stores stores = RedisStores.create(RedisTestServer.uri(), "rt-" + UUID.randomUUID() + ":", vertx);
        try {
            String first = await(deploy(stores.queue()));
            await(request(RoutingAddresses.ENQUEUE, enqueue("older")));
            await(request(RoutingAddresses.ENQUEUE, enqueue("newer")));
            await(vertx.undeploy(first));

            deploy(stores.queue());
            LinkedBlockingQueue<Object> desk = new LinkedBlockingQueue<>();
            vertx.eventBus().consumer(RoutingAddresses.agentAddress("8001"), m -> desk.add(m.body()));
            await(request(RoutingAddresses.PRESENCE, new AgentPresenceChange("8001", Presence.AVAILABLE, null)));
            assertThat(next(desk, OfferMade.class).contactId()).isEqualTo("older");
            ContactQueued again = await(request(RoutingAddresses.ENQUEUE, enqueue("older")));
            assertThat(again.alreadyQueued()).isTrue();
        } finally {
            stores.close();
        }
    }

    @Test
    void aContactLeftInTheStoreWhileNoRouterAnsweredIsQueuedOfferedAndTakenOutOfThePendingOnes() throws Exception {
        Stores stores = RedisStores.create(RedisTestServer.uri(), "rt-" + UUID.randomUUID() + ":", vertx);
        try {
            // What a channel on a node cut off from the router does: the contact waits in the store for the router.
            await(stores.reference().put(PendingEnqueues.KIND, "left-1", enqueue("left-1")));
            vertx.deployVerticle(new RouterVerticle(RoutingConfig.defaults(), Clock.systemUTC(), SHANGHAI,
                    stores.queue(), List.of(AGENT), new Fence(QueueStore.FENCED_BY, "alone", 1),
                    stores.reference())).toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
            LinkedBlockingQueue<Object> desk = new LinkedBlockingQueue<>();
            vertx.eventBus().consumer(RoutingAddresses.agentAddress("8001"), m -> desk.add(m.body()));
            await(request(RoutingAddresses.PRESENCE, new AgentPresenceChange("8001", Presence.AVAILABLE, null)));
            assertThat(next(desk, OfferMade.class).contactId()).isEqualTo("left-1");
            // A second one left while the router runs is taken in by the next sweep.
            await(stores.reference().put(PendingEnqueues.KIND, "left-2", enqueue("left-2")));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline && await(stores.queue().loadAll()).size() < 2) {
                Thread.sleep(50); // bounded poll for the sweep
            }
            assertThat(await(stores.queue().loadAll())).extracting(e -> e.contactId())
                    .containsExactlyInAnyOrder("left-1", "left-2");
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline
                    && !await(stores.reference().list(PendingEnqueues.KIND, EnqueueContact.class)).isEmpty()) {
                Thread.sleep(50);
            }
            assertThat(await(stores.reference().list(PendingEnqueues.KIND, EnqueueContact.class))).isEmpty();
        } finally {
            stores.close();
        }
    }

    @Test
    void aContactFinishedUnderOneRouterIsNotOfferedAgainWhenTheNextFindsItLeftInTheStore() throws Exception {
        Stores stores = RedisStores.create(RedisTestServer.uri(), "rt-" + UUID.randomUUID() + ":", vertx);
        try {
            LinkedBlockingQueue<Object> desk = new LinkedBlockingQueue<>();
            vertx.eventBus().consumer(RoutingAddresses.agentAddress("8001"), m -> desk.add(m.body()));
            String first = await(vertx.deployVerticle(new RouterVerticle(RoutingConfig.defaults(), Clock.systemUTC(),
                    SHANGHAI, stores.queue(), List.of(AGENT), new Fence(QueueStore.FENCED_BY, "first", 1),
                    stores.reference())));
            await(request(RoutingAddresses.PRESENCE, new AgentPresenceChange("8001", Presence.AVAILABLE, null)));
            await(request(RoutingAddresses.ENQUEUE, enqueue("done-1")));
            OfferMade offer = next(desk, OfferMade.class);
            await(request(RoutingAddresses.ANSWER_OFFER, new OfferAnswer(offer.offerId(), "8001", true, null)));
            await(request(RoutingAddresses.FINISH, new org.civicline.core.routing.ContactFinished("done-1", "8001")));
            await(vertx.undeploy(first));

            // The channel's request reached the first router, which died before answering: the channel left the
            // contact for the next router — after its agent had finished it. A contact left there unqueued is new.
            await(stores.reference().put(PendingEnqueues.KIND, "done-1", enqueue("done-1")));
            await(stores.reference().put(PendingEnqueues.KIND, "new-1", enqueue("new-1")));
            desk.clear();
            await(vertx.deployVerticle(new RouterVerticle(RoutingConfig.defaults(), Clock.systemUTC(), SHANGHAI,
                    stores.queue(), List.of(AGENT), new Fence(QueueStore.FENCED_BY, "second", 2),
                    stores.reference())));
            await(request(RoutingAddresses.PRESENCE, new AgentPresenceChange("8001", Presence.AVAILABLE, null)));

            assertThat(next(desk, OfferMade.class).contactId()).isEqualTo("new-1");
            assertThat(await(stores.queue().loadAll())).extracting(e -> e.contactId()).containsExactly("new-1");
            assertThat(await(stores.queue().finishedSince(Instant.now().minusSeconds(60)))).containsOnlyKeys("done-1");
        } finally {
            stores.close();
        }
    }

    @Test
    void whileTheStoreIsDownAContactIsNotAcknowledgedAsQueued(@TempDir Path dir) throws Exception {
        RedisTestServer.Instance redis = RedisTestServer.startPrivate(dir);
        Stores stores = RedisStores.create(redis.uri(), vertx);
        try {
            deploy(stores.queue());
            await(request(RoutingAddresses.ENQUEUE, enqueue("before")));
            redis.stop();
            assertThatThrownBy(() -> await(request(RoutingAddresses.ENQUEUE, enqueue("during"))))
                    .hasCauseInstanceOf(ReplyException.class).hasMessageContaining("not stored");
        } finally {
            stores.close();
            redis.close();
        }
    }

    @Test
    void reconciliationRepairsWhatTheStoreLostAndHangsUpCallsThePbxNoLongerHas() throws Exception {
        Stores stores = MemoryStores.create();
        deploy(stores.queue());
        await(request(RoutingAddresses.ENQUEUE, enqueue("lost-write")));
        await(request(RoutingAddresses.ENQUEUE, enqueue("gone-call")));
        await(stores.queue().remove("lost-write"));
        vertx.eventBus().consumer(RoutingAddresses.LIVE_CALLS, m -> m.reply(new LiveCalls(
                java.util.Set.of(enqueue("lost-write").contact().call().uniqueId()), Instant.now().plusSeconds(1))));

        String repairs = await(vertx.eventBus().<String>request(RouterVerticle.RECONCILE, "").map(m -> m.body()));
        assertThat(repairs).contains("stored lost-write again").contains("abandoned gone-call");
        assertThat(await(stores.queue().loadAll())).extracting(e -> e.contactId())
                .contains("lost-write")
                .as("the hung-up caller waits as a callback task").contains("gone-call");
        String second = await(vertx.eventBus().<String>request(RouterVerticle.RECONCILE, "").map(m -> m.body()));
        assertThat(second).isEqualTo("[]");
    }

    @Test
    void badRequestsAreRefusedWithTheirReason() {
        deployQuietly();
        assertThatThrownBy(() -> await(request(RoutingAddresses.PRESENCE,
                new AgentPresenceChange("nobody", Presence.AVAILABLE, null))))
                .hasMessageContaining("unknown agent 'nobody'");
    }

    private void deployQuietly() {
        try {
            deploy(MemoryStores.create().queue());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Future<String> deploy(QueueStore queue) throws Exception {
        Future<String> id = vertx.deployVerticle(new RouterVerticle(RoutingConfig.defaults(), Clock.systemUTC(),
                SHANGHAI, queue, List.of(AGENT)));
        await(id);
        return id;
    }

    private static EnqueueContact enqueue(String id) {
        return new EnqueueContact(new Contact(id, Channel.HOTLINE_12345, null, "13800138000", Instant.now(), null,
                new CallReference("1763888000." + id, null, "12345", null), null, Priority.NORMAL,
                "ami-" + id, List.of(), null), RoutingNeeds.anyAgent());
    }

    private <T> Future<T> request(String address, Object body) {
        return vertx.eventBus().<T>request(address, body).map(m -> m.body());
    }

    private static <T> T next(LinkedBlockingQueue<Object> desk, Class<T> type) throws InterruptedException {
        for (Object o; (o = desk.poll(10, TimeUnit.SECONDS)) != null; ) {
            if (type.isInstance(o)) {
                return type.cast(o);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " arrived");
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
}
