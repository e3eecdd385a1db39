package org.civicline.server.load;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import java.io.PrintStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;

/**
 * One load run, phase after phase: agents sign in and get ready; the timed run (open loop, all channels); then, with
 * the agents on a break, the two saturation probes through the same client (the bare endpoint, then app submissions);
 * the agents come back and work off what the probe queued; last, the lost-contact check in Redis.
 */
final class LoadRun {
    private static final long OFFER_WAIT_MILLIS = 10_000;
    /** The app probe follows the run, which has warmed its path; the bare endpoint is cold (--bare-warmup-seconds). */
    private static final int APP_WARM_UP_SECONDS = 1;

    private final LoadOptions options;
    private final PrintStream out;
    /**
     * Epoll where the platform has it: under NIO a timer due in under half a millisecond is polled for in a busy loop,
     * and the open-loop arrivals and 200 agents' accept and hang-up timers kept one that close nearly always (about
     * 45 % of the tool's CPU at 1,000 contacts/s was that loop). Epoll waits for such a timer in the kernel.
     */
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    private final Ledger ledger;
    private final Senders senders;
    private final ProgressPrinter progress;
    /** The timed run's connections; closed once the run's grace is over, which ends what is still queued. */
    private final HttpTarget runHttp;
    /** The probes' connections: a fresh client with the same settings, so a backlog left by the run cannot stall it. */
    private final HttpTarget http;
    /** Made here, off the event loops: it is a Vert.x instance of its own, as a separate server would be. */
    private final BareEndpoint bare;

    LoadRun(LoadOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.ledger = new Ledger(options.serviceLevelSeconds() * 1_000_000_000L);
        this.senders = new Senders(java.time.Instant.now());
        this.progress = new ProgressPrinter(vertx, out);
        this.runHttp = new HttpTarget(vertx, options.urls(), options.connections(), options.timeoutMillis());
        this.http = new HttpTarget(vertx, options.urls(), options.connections(), options.timeoutMillis());
        this.bare = options.capacitySeconds() > 0 ? new BareEndpoint() : null;
    }

    /** Runs every phase; the report, or the first failure that stopped the run. Closes everything it opened. */
    Future<LoadReport> run() {
        Instant started = Instant.now();
        Map<LoadChannel, Submitter> submitters = new EnumMap<>(LoadChannel.class);
        List<AutoCloseable> closeLater = new ArrayList<>();
        closeLater.add(runHttp);
        closeLater.add(http);
        AgentFloor floor = new AgentFloor(vertx, options, ledger);
        Random random = new Random(options.seed());
        Capacity capacity = new Capacity();
        return lanes()
                .compose(lanes -> submitters(submitters, closeLater)
                        .compose(v -> step("signing in " + floor.size() + " agents", floor.size() == 0
                                ? Future.succeededFuture() : floor.signIn(lanes).compose(x -> floor.ready())))
                        .compose(v -> {
                            if (options.warmupSeconds() == 0) {
                                return Future.succeededFuture();
                            }
                            // Half the rate: a node whose JIT is still cold falls behind at the full rate, and
                            // the backlog it would carry into the run is not what the run should measure.
                            out.printf("warm-up: the same mix at half the rate for %d s, not counted%n",
                                    options.warmupSeconds());
                            return new OpenLoopDriver(vertx, lanes, submitters, options.mix(), senders, ledger,
                                    progress, Ledger.Phase.WARMUP).run(arrivals(options.rate() / 2),
                                    options.warmupSeconds(), random, options.timeoutMillis() + 1000L);
                        })
                        .compose(v -> {
                            out.printf("run: %s arrivals, %.1f contacts/s for %d s, mix %s%n", options.arrivals(),
                                    options.rate(), options.durationSeconds(), options.mix().channels());
                            return new OpenLoopDriver(vertx, lanes, submitters, options.mix(), senders, ledger,
                                    progress, Ledger.Phase.RUN).run(arrivals(options.rate()),
                                    options.durationSeconds(), random, options.timeoutMillis() + 1000L);
                        })
                        .compose(v -> {
                            // Requests still queued on the client now would only stall what follows: end them.
                            runHttp.close();
                            return floor.size() == 0 ? Future.succeededFuture()
                                    : waitUntil(() -> ledger.waitingForOffer(Ledger.Phase.RUN) == 0, OFFER_WAIT_MILLIS);
                        })
                        .compose(v -> options.capacitySeconds() == 0 ? Future.succeededFuture()
                                : probes(lanes, floor, capacity)))
                .compose(v -> floor.size() == 0 ? Future.succeededFuture() : floor.leave())
                .compose(v -> options.redisUri() == null ? Future.<LostCheck.Outcome>succeededFuture(null)
                        : step("checking every acknowledged contact in Redis", vertx.executeBlocking(() ->
                                LostCheck.run(options.redisUri(), options.keyPrefix(), ledger.entries(), started))))
                .map(lost -> report(capacity.value, lost, floor.errors().snapshot()))
                .onComplete(done -> {
                    progress.stop();
                    for (AutoCloseable c : closeLater) {
                        try {
                            c.close();
                        } catch (Exception e) {
                            // Closing after the run: nothing left to report.
                        }
                    }
                    vertx.close();
                });
    }

    private static final class Capacity {
        LoadReport.Capacity value;
    }

    /** One event-loop context per core for the client side: requests and their answers are spread over them. */
    private Future<List<Context>> lanes() {
        List<Context> lanes = new CopyOnWriteArrayList<>();
        int cores = Math.max(2, Runtime.getRuntime().availableProcessors());
        out.printf("load tool: %d event loops on %s%n", cores,
                vertx.isNativeTransportEnabled() ? "epoll" : "NIO (no native transport here; timers due in under 0.5 ms"
                        + " are polled for, which costs the tool CPU)");
        return vertx.deployVerticle(() -> new AbstractVerticle() {
            @Override
            public void start() {
                lanes.add(context);
            }
        }, new DeploymentOptions().setInstances(cores)).map(id -> List.copyOf(lanes));
    }

    private Future<Void> submitters(Map<LoadChannel, Submitter> submitters, List<AutoCloseable> closeLater) {
        for (LoadChannel channel : options.mix().channels()) {
            switch (channel) {
                case APP -> submitters.put(channel, new Open311Submitter(runHttp, channel, options.appKey()));
                case OPEN311 -> submitters.put(channel, new Open311Submitter(runHttp, channel, options.open311Key()));
                case MAILBOX -> submitters.put(channel, new MailboxSubmitter(runHttp, senders.run()));
                case WECHAT -> submitters.put(channel, new WechatSubmitter(runHttp, new WechatEnvelope(
                        options.wechatToken(), options.wechatAesKey(), options.wechatAppId()), senders,
                        options.seed()));
                case CALL -> { }
            }
        }
        if (!options.mix().uses(LoadChannel.CALL)) {
            return Future.succeededFuture();
        }
        return step("logging in to AMI at " + options.amiHost() + ":" + options.amiPort(),
                CallPlacer.connect(vertx, options.amiHost(), options.amiPort(), options.amiUser(), options.amiSecret(),
                        options.callHoldSeconds()).map(placer -> {
                    closeLater.add(placer);
                    submitters.put(LoadChannel.CALL, placer);
                    return null;
                }));
    }

    private ArrivalProcess arrivals(double rate) {
        return options.arrivals().equals("burst")
                ? new BurstArrivals(rate, options.burstEverySeconds())
                : new PoissonArrivals(rate, new Random(options.seed() ^ 0x5DEECE66DL));
    }

    /** The bare endpoint, then app submissions, each as fast as the same client goes; the agents pause meanwhile. */
    private Future<Void> probes(List<Context> lanes, AgentFloor floor, Capacity capacity) {
        Open311Submitter app = new Open311Submitter(http, LoadChannel.APP, options.appKey());
        int concurrency = options.connections() * options.urls().size();
        Buffer json = Buffer.buffer("{\"service_code\":\"0101\",\"description\":\"路灯不亮三天了（压测）\","
                + "\"lat\":30.27,\"long\":120.15,\"account_id\":\"load-bare\"}");
        Future<Void> paused = floor.size() == 0 ? Future.succeededFuture() : floor.pause();
        return paused
                .compose(v -> bare.start())
                .compose(port -> {
                    out.printf("capacity: bare Vert.x JSON POST endpoint on 127.0.0.1:%d, %d connections, %d s "
                                    + "after %d s not counted%n", port, concurrency, options.capacitySeconds(),
                            options.bareWarmupSeconds());
                    URI base = URI.create("http://127.0.0.1:" + port);
                    return ClosedLoopProbe.run(lanes, concurrency, options.bareWarmupSeconds(),
                            options.capacitySeconds(),
                            n -> http.post(base, BareEndpoint.PATH, "application/json", json, Map.of())
                                    .map(a -> HttpTarget.expect(a, 200)), "bare", progress);
                })
                .compose(bareResult -> bare.stop().map(bareResult))
                .compose(bareResult -> {
                    out.printf("capacity: app submissions (Open311 with the city app key), %d connections, %d s "
                            + "after %d s not counted%n", concurrency, options.capacitySeconds(), APP_WARM_UP_SECONDS);
                    return ClosedLoopProbe.run(lanes, concurrency, APP_WARM_UP_SECONDS,
                            options.capacitySeconds(), n -> {
                        long sequence = senders.nextSequence();
                        String sender = senders.of(LoadChannel.APP, sequence);
                        Ledger.Entry entry = ledger.sent(sender, LoadChannel.APP, Ledger.Phase.CAPACITY,
                                System.nanoTime());
                        return app.submit(sender, sequence)
                                .onSuccess(reference -> ledger.acknowledged(entry, reference, System.nanoTime()))
                                .onFailure(e -> ledger.failed(entry, LoadFailure.kindOf(e)));
                    }, "app", progress).map(appResult -> {
                        capacity.value = new LoadReport.Capacity(bareResult.perSecond(), appResult.perSecond(),
                                appResult.failed(), concurrency);
                        return null;
                    });
                })
                .compose(v -> floor.size() == 0 ? Future.succeededFuture() : floor.ready()
                        .compose(x -> step("agents working off the probe's " + ledger.waitingForOffer(
                                        Ledger.Phase.CAPACITY) + " contacts (up to " + options.drainSeconds() + " s)",
                                waitUntil(() -> ledger.waitingForOffer(Ledger.Phase.CAPACITY) == 0,
                                        options.drainSeconds() * 1000L))));
    }

    private LoadReport report(LoadReport.Capacity capacity, LostCheck.Outcome lost, Map<String, Long> agentErrors) {
        List<LoadReport.Row> rows = new ArrayList<>();
        Histogram allAck = new Histogram(3_600_000_000L, 3);
        Histogram allOffer = new Histogram(3_600_000_000L, 3);
        long sent = 0;
        long acked = 0;
        long offered = 0;
        long errors = 0;
        long accepted = 0;
        long inTime = 0;
        Map<String, Long> errorKinds = new TreeMap<>();
        double seconds = options.durationSeconds();
        for (LoadChannel channel : options.mix().channels()) {
            ChannelTally t = ledger.tally(Ledger.Phase.RUN, channel);
            Histogram ack = t.ackHistogram();
            Histogram offer = t.offerHistogram();
            allAck.add(ack);
            allOffer.add(offer);
            rows.add(new LoadReport.Row(channel.label(), t.sent.sum() / seconds, t.acknowledged.sum() / seconds,
                    t.acknowledged.sum(), percentiles(ack), t.offered.sum(), percentiles(offer), t.errorCount()));
            sent += t.sent.sum();
            acked += t.acknowledged.sum();
            offered += t.offered.sum();
            errors += t.errorCount();
            accepted += t.accepted.sum();
            inTime += t.acceptedInServiceLevel.sum();
            t.errors().forEach((kind, n) -> errorKinds.put(channel.label() + ": " + kind, n));
            long unanswered = t.sent.sum() - t.acknowledged.sum() - t.errorCount();
            if (unanswered > 0) {
                errorKinds.merge(channel.label() + ": " + OpenLoopDriver.NO_ANSWER, unanswered, Long::sum);
                errors += unanswered;
            }
        }
        ChannelTally probe = ledger.tally(Ledger.Phase.CAPACITY, LoadChannel.APP);
        probe.errors().forEach((kind, n) -> errorKinds.put("capacity probe app: " + kind, n));
        LoadReport.Row total = new LoadReport.Row("total", sent / seconds, acked / seconds, acked, percentiles(allAck),
                offered, percentiles(allOffer), errors);
        return new LoadReport(options.arrivals(), options.rate(), options.durationSeconds(), options.agents(), rows,
                total, percentiles(ledger.toolLag(Ledger.Phase.RUN)), errorKinds, agentErrors,
                new LoadReport.ServiceLevel(options.serviceLevelSeconds(), acked, accepted, inTime), capacity, lost);
    }

    private static LoadReport.Percentiles percentiles(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return LoadReport.Percentiles.NONE;
        }
        return new LoadReport.Percentiles(micros.getValueAtPercentile(50) / 1000.0,
                micros.getValueAtPercentile(99) / 1000.0, micros.getValueAtPercentile(99.9) / 1000.0);
    }

    private <T> Future<T> step(String what, Future<T> step) {
        out.println(what + " …");
        return step;
    }

    /** Completes when {@code condition} holds or after {@code millis}, whichever comes first; never fails. */
    private Future<Void> waitUntil(BooleanSupplier condition, long millis) {
        Promise<Void> done = Promise.promise();
        long deadline = System.nanoTime() + millis * 1_000_000L;
        if (condition.getAsBoolean()) {
            return Future.succeededFuture();
        }
        vertx.setPeriodic(50, timer -> {
            if (condition.getAsBoolean() || System.nanoTime() > deadline) {
                vertx.cancelTimer(timer);
                done.complete();
            }
        });
        return done.future();
    }
}
