package org.civicline.telephony.ami;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.civicline.core.bus.Codecs;
import org.civicline.core.routing.ContactAbandoned;
import org.civicline.core.routing.ContactFinished;
import org.civicline.core.routing.ContactQueued;
import org.civicline.core.routing.EnqueueContact;
import org.civicline.core.routing.RoutingAddresses;
import org.civicline.core.store.Stores;
import org.civicline.core.store.memory.MemoryStores;
import org.civicline.core.telephony.CallControl;
import org.civicline.core.telephony.CallControlDone;
import org.civicline.core.telephony.CallRecord;
import org.civicline.core.telephony.ClickToDial;
import org.civicline.telephony.OneTouchDevices;
import org.civicline.telephony.TelephonyConfig;
import org.civicline.telephony.calls.CallRecords;
import org.civicline.telephony.calls.VoiceIntake;
import org.civicline.telephony.sandbox.AmiPacket;
import org.civicline.telephony.sandbox.SandboxPbx;

/**
 * A sandbox PBX on a real TCP port, the AMI adapter logged in to it through Asterisk-Java, in-memory stores, and a
 * stand-in for the router at the bus boundary that records what telephony asks of it.
 */
final class Harness {
    static final String DEVICE_NUMBER = "13900000001";

    final Vertx vertx = Vertx.vertx();
    final Stores stores;
    final SandboxPbx pbx;
    final TelephonyConfig config;
    final TelephonyConfig.Ami ami;
    final VoiceIntake intake;
    final CallRecords records;
    final BlockingQueue<EnqueueContact> enqueued = new LinkedBlockingQueue<>();
    final BlockingQueue<ContactAbandoned> abandoned = new LinkedBlockingQueue<>();
    final BlockingQueue<ContactFinished> finished = new LinkedBlockingQueue<>();
    final BlockingQueue<CallRecord> callRecords = new LinkedBlockingQueue<>();
    AmiVerticle adapter;
    final BlockingQueue<AmiPacket> pbxEvents = new LinkedBlockingQueue<>();
    private final Set<String> queuedIds = ConcurrentHashMap.newKeySet();

    Harness(TelephonyConfig.AssignMode mode) throws Exception {
        this(mode, false);
    }

    /** With {@code redis}, contacts and call records live in the test Redis (under a key prefix of their own). */
    Harness(TelephonyConfig.AssignMode mode, boolean redis) throws Exception {
        stores = redis ? org.civicline.core.store.redis.RedisStores.create(
                org.civicline.core.testing.RedisTestServer.uri(), "tel-" + java.util.UUID.randomUUID() + ":", vertx)
                : MemoryStores.create();
        Codecs.registerAll(vertx);
        for (Class<?> type : List.of(CallControl.class, CallControlDone.class, ClickToDial.class, CallRecord.class)) {
            Codecs.register(vertx, type);
        }
        pbx = new SandboxPbx(vertx, new SandboxPbx.Settings("127.0.0.1", 0, "cc", "ccsecret"), Clock.systemUTC());
        pbx.tap(pbxEvents::add);
        int port = await(pbx.start());
        config = new TelephonyConfig("sandbox", null, null, null, null, mode, "12345", List.of(DEVICE_NUMBER),
                Map.of("2", "lang:yue"), null);
        ami = new TelephonyConfig.Ami("127.0.0.1", port, "cc", "ccsecret", 5000, 100, 2000);
        intake = new VoiceIntake(vertx, config, stores.contacts(), stores.citizens(),
                OneTouchDevices.of(Set.copyOf(config.oneTouchDevices())).or(OneTouchDevices.registry(vertx)));
        records = new CallRecords(vertx, stores.reference());
        routerStandIn();
    }

    private void routerStandIn() {
        var bus = vertx.eventBus();
        bus.<EnqueueContact>consumer(RoutingAddresses.ENQUEUE, m -> {
            enqueued.add(m.body());
            boolean again = !queuedIds.add(m.body().contact().id());
            m.reply(new ContactQueued(m.body().contact().id(), again, queuedIds.size()));
        });
        bus.<ContactAbandoned>consumer(RoutingAddresses.ABANDON, m -> {
            abandoned.add(m.body());
            m.reply(new ContactQueued(m.body().contactId(), true, queuedIds.size()));
        });
        bus.<ContactFinished>consumer(RoutingAddresses.FINISH, (Message<ContactFinished> m) -> {
            finished.add(m.body());
            m.reply(m.body());
        });
        bus.<CallRecord>consumer(org.civicline.core.telephony.TelephonyAddresses.CALL_ENDED, m -> callRecords.add(m.body()));
    }

    /** Deploys one AMI adapter and waits until it holds the connection and has read the live channels. */
    AmiVerticle deployAdapter() throws Exception {
        AmiVerticle verticle = new AmiVerticle(config, ami, intake, records, Clock.systemUTC(),
                AmiVerticle.NO_OTHER_CALLS, "node-test");
        await(vertx.deployVerticle(verticle));
        await(verticle.ready());
        adapter = verticle;
        return verticle;
    }

    /**
     * Deploys an adapter as {@code TelephonyModule} does, under the singleton deployer: it starts only while no other
     * deployer of this Vert.x runs one. Each adapter it starts goes to {@code started}.
     */
    String deploySingleton(BlockingQueue<AmiVerticle> started) throws Exception {
        return await(vertx.deployVerticle(new org.civicline.core.cluster.SingletonDeployer(AmiVerticle.SINGLETON,
                stores.fences(), "node-test", fence -> {
                    AmiVerticle verticle = new AmiVerticle(config, ami, intake, records, Clock.systemUTC(),
                            AmiVerticle.NO_OTHER_CALLS, "node-test");
                    started.add(verticle);
                    return verticle;
                })));
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

    /** Waits for the PBX to emit an event that matches. */
    AmiPacket event(java.util.function.Predicate<AmiPacket> match) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            AmiPacket e = pbxEvents.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new AssertionError("no matching PBX event within 10 s");
            }
            if (match.test(e)) {
                return e;
            }
        }
    }

    static java.util.function.Predicate<AmiPacket> event(String name, String channelPrefix) {
        return e -> name.equals(e.get("Event")) && e.get("Channel") != null && e.get("Channel").startsWith(channelPrefix);
    }

    void close() throws Exception {
        // Adapters log off before the PBX goes away, as in a real shutdown.
        for (String id : vertx.deploymentIDs()) {
            // A singleton's adapter goes with its deployer: it may be gone by its turn.
            if (vertx.deploymentIDs().contains(id)) {
                await(vertx.undeploy(id));
            }
        }
        await(pbx.stop());
        await(vertx.close());
        stores.close();
    }
}
