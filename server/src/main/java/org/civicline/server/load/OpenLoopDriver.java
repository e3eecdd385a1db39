package org.civicline.server.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Sends contacts at the arrival process's times whatever the deployment answers (an open loop: a slow answer never
 * slows the arrivals, so latencies are not flattered). Latency is measured from the scheduled arrival time.
 */
final class OpenLoopDriver {
    static final String NO_ANSWER = "no answer before the end";
    private final Vertx vertx;
    private final List<Context> lanes;
    private final Map<LoadChannel, Submitter> submitters;
    private final ChannelMix mix;
    private final Senders senders;
    private final Ledger ledger;
    private final ProgressPrinter progress;
    private final AtomicLong inFlight = new AtomicLong();
    private final Ledger.Phase phase;
    /** Set when the wait for answers is over: what fails after that was never answered in time. */
    private volatile boolean over;

    OpenLoopDriver(Vertx vertx, List<Context> lanes, Map<LoadChannel, Submitter> submitters, ChannelMix mix,
                   Senders senders, Ledger ledger, ProgressPrinter progress, Ledger.Phase phase) {
        this.vertx = vertx;
        this.lanes = lanes;
        this.submitters = submitters;
        this.mix = mix;
        this.senders = senders;
        this.ledger = ledger;
        this.progress = progress;
        this.phase = phase;
    }

    /** Runs for {@code seconds}, then waits up to {@code graceMillis} for the answers still out. */
    Future<Void> run(ArrivalProcess arrivals, int seconds, Random random, long graceMillis) {
        Promise<Void> done = Promise.promise();
        long start = System.nanoTime();
        long end = seconds * 1_000_000_000L;
        long[] next = {arrivals.nextArrivalNanos()};
        long[] lane = {0};
        followProgress();
        lanes.get(0).runOnContext(v -> vertx.setPeriodic(1, timer -> {
            long now = System.nanoTime() - start;
            while (next[0] <= now && next[0] < end) {
                send(mix.pick(random), start + next[0], lanes.get((int) (lane[0]++ % lanes.size())));
                next[0] = arrivals.nextArrivalNanos();
            }
            if (next[0] >= end && now >= end) {
                vertx.cancelTimer(timer);
                long deadline = System.nanoTime() + graceMillis * 1_000_000L;
                vertx.setPeriodic(20, wait -> {
                    if (inFlight.get() == 0 || System.nanoTime() > deadline) {
                        vertx.cancelTimer(wait);
                        over = true;
                        progress.stop();
                        done.complete();
                    }
                });
            }
        }));
        return done.future();
    }

    private void send(LoadChannel channel, long arrivalNanos, Context lane) {
        long n = senders.nextSequence();
        String sender = senders.of(channel, n);
        Ledger.Entry entry = ledger.sent(sender, channel, phase, arrivalNanos);
        inFlight.incrementAndGet();
        lane.runOnContext(v -> {
            ledger.started(entry, System.nanoTime());
            submitters.get(channel).submit(sender, n).onComplete(ar -> {
                inFlight.decrementAndGet();
                if (ar.succeeded()) {
                    ledger.acknowledged(entry, ar.result(), System.nanoTime());
                } else {
                    ledger.failed(entry, over ? NO_ANSWER : LoadFailure.kindOf(ar.cause()));
                }
            });
        });
    }

    private void followProgress() {
        Map<String, LongSupplier> rates = new LinkedHashMap<>();
        rates.put("sent", () -> sum(t -> t.sent.sum()));
        rates.put("acked", () -> sum(t -> t.acknowledged.sum()));
        rates.put("offered", () -> sum(t -> t.offered.sum()));
        rates.put("accepted", () -> sum(t -> t.accepted.sum()));
        rates.put("errors", () -> sum(ChannelTally::errorCount));
        progress.follow(phase.name().toLowerCase(java.util.Locale.ROOT), rates, Map.of("in flight", inFlight::get));
    }

    private long sum(java.util.function.ToLongFunction<ChannelTally> of) {
        long total = 0;
        for (LoadChannel c : LoadChannel.values()) {
            total += of.applyAsLong(ledger.tally(phase, c));
        }
        return total;
    }
}
