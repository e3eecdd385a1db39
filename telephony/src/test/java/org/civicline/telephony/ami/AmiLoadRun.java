package org.civicline.telephony.ami;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.civicline.core.bus.Codecs;
import org.civicline.core.routing.ContactAbandoned;
import org.civicline.core.routing.ContactQueued;
import org.civicline.core.routing.EnqueueContact;
import org.civicline.core.routing.RoutingAddresses;
import org.civicline.core.store.Stores;
import org.civicline.core.store.memory.MemoryStores;
import org.civicline.core.telephony.CallRecord;
import org.civicline.telephony.OneTouchDevices;
import org.civicline.telephony.TelephonyConfig;
import org.civicline.telephony.calls.CallRecords;
import org.civicline.telephony.calls.VoiceIntake;
import org.civicline.telephony.sandbox.SandboxPbx;

/**
 * The load run: the sandbox PBX places N calls (default 10,000) as fast as the adapter takes them, keeping at most
 * {@code window} calls not yet queued; each queued caller hangs up (an abandon, so every call runs the whole path).
 * Prints calls/s, AMI events/s handled, and the Newchannel → queued latency quantiles. Not part of the test run:
 * <pre>./mvnw -q -B -pl telephony -am verify -DskipTests -Pload-run [-Dload.calls=10000 -Dload.window=200]</pre>
 */
public final class AmiLoadRun {
    private AmiLoadRun() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int window = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Vertx vertx = Vertx.vertx();
        Codecs.registerAll(vertx);
        Codecs.register(vertx, CallRecord.class);
        Stores stores = MemoryStores.create();
        SandboxPbx pbx = new SandboxPbx(vertx, new SandboxPbx.Settings("127.0.0.1", 0, "load", "load"), Clock.systemUTC());
        int port = await(pbx.start());
        TelephonyConfig config = new TelephonyConfig("sandbox", null, null, null, null, null, null, null, Map.of(), null);
        TelephonyConfig.Ami ami = new TelephonyConfig.Ami("127.0.0.1", port, "load", "load", 10_000, 100, 2000);
        VoiceIntake intake = new VoiceIntake(vertx, config, stores.contacts(), stores.citizens(), OneTouchDevices.of(Set.of()));

        Semaphore room = new Semaphore(window);
        CountDownLatch allQueued = new CountDownLatch(calls);
        CountDownLatch allEnded = new CountDownLatch(calls);
        AtomicInteger queued = new AtomicInteger();
        vertx.eventBus().<EnqueueContact>consumer(RoutingAddresses.ENQUEUE, m -> {
            m.reply(new ContactQueued(m.body().contact().id(), false, queued.incrementAndGet()));
            pbx.hangUpCall(m.body().contact().call().uniqueId());
            room.release();
            allQueued.countDown();
        });
        vertx.eventBus().<ContactAbandoned>consumer(RoutingAddresses.ABANDON, m -> {
            m.reply(new ContactQueued(m.body().contactId(), true, 0));
            allEnded.countDown();
        });
        AmiVerticle adapter = new AmiVerticle(config, ami, intake, new CallRecords(vertx, stores.reference()),
                Clock.systemUTC(), AmiVerticle.NO_OTHER_CALLS, "load");
        await(vertx.deployVerticle(adapter));
        await(adapter.ready());

        List<String> lines = List.of("12345", "8890", "12349");
        long eventsBefore = adapter.client().eventsReceived();
        long started = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            room.acquire();
            pbx.call(String.format("139%08d", i), lines.get(i % 3), i % 2 == 0 ? "1" : null);
        }
        boolean done = allQueued.await(10, TimeUnit.MINUTES);
        double queuedSeconds = (System.nanoTime() - started) / 1e9;
        boolean ended = allEnded.await(2, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - started) / 1e9;
        long events = adapter.client().eventsReceived() - eventsBefore;
        IntakeFigures figures = await(Future.<IntakeFigures>future(p -> vertx.runOnContext(v -> p.complete(adapter.tracker().figures()))));

        System.out.printf("calls placed          %d (window %d not yet queued)%n", calls, window);
        System.out.printf("all queued            %s in %.2f s → %.0f calls/s%n", done, queuedSeconds, calls / queuedSeconds);
        System.out.printf("all ended (abandoned) %s in %.2f s%n", ended, seconds);
        System.out.printf("AMI events handled    %d → %.0f events/s (PBX sent %d)%n", events, events / seconds, pbx.eventsSent());
        System.out.printf("Newchannel → queued   p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d samples, %d failed)%n",
                figures.quantileMillis(0.5), figures.quantileMillis(0.99), figures.quantileMillis(1.0),
                figures.queuedCount(), figures.failedCount());
        await(vertx.undeploy(adapter.deploymentID()));
        await(pbx.stop());
        await(vertx.close());
        if (!done || !ended) {
            throw new IllegalStateException("not every call was queued and ended in time");
        }
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
