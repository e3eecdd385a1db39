package org.civicline.routing;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.Message;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.civicline.core.bus.FailureCodes;
import org.civicline.core.json.Jsons;
import org.civicline.core.metrics.Metrics;
import org.civicline.core.model.Agent;
import org.civicline.core.routing.AgentPresenceChange;
import org.civicline.core.routing.CallbackOutcome;
import org.civicline.core.routing.CallbackRequest;
import org.civicline.core.routing.ContactAbandoned;
import org.civicline.core.routing.ContactFinished;
import org.civicline.core.routing.ContactQueued;
import org.civicline.core.routing.ContactReturned;
import org.civicline.core.routing.EnqueueContact;
import org.civicline.core.routing.LiveCalls;
import org.civicline.core.routing.OfferAnswer;
import org.civicline.core.routing.PendingEnqueues;
import org.civicline.core.routing.RoutingAddresses;
import org.civicline.core.cluster.SingletonDeployer;
import org.civicline.core.store.Fence;
import org.civicline.core.store.QueueStore;
import org.civicline.core.store.ReferenceStore;
import org.civicline.routing.config.RoutingConfig;
import org.civicline.routing.engine.LiveView;
import org.civicline.routing.engine.Router;
import org.civicline.routing.stats.IntervalStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the router on one Vert.x context: serves the routing contract, keeps one timer armed for the router's next
 * due time, writes the queue through to the store and answers only once it is stored, and pushes the live figures.
 */
public final class RouterVerticle extends AbstractVerticle {
    private static final Logger LOG = LoggerFactory.getLogger(RouterVerticle.class);
    static final String LIVE_QUERY = "civicline.routing.query.live";
    static final String STATS_QUERY = "civicline.routing.query.stats";
    static final String AGENTS_QUERY = "civicline.routing.query.agents";
    static final String QUEUE_QUERY = "civicline.routing.query.queue";
    /** Local request: reconcile now; replies the repairs as a JSON list (operators and tests). */
    static final String RECONCILE = "civicline.routing.reconcile";
    private static final long LIVE_PUSH_MILLIS = 2_000;
    static final long RECONCILE_MILLIS = 60_000;
    /** How often the router looks for contacts the channels left in the store when no router answered them. */
    static final long PENDING_MILLIS = 2_000;

    private final RoutingConfig config;
    private final Clock clock;
    private final ZoneId zone;
    private final QueueStore queueStore;
    private final List<Agent> agents;
    private final Fence fence;
    private final ReferenceStore documents;
    private boolean takingPending;
    private Router router;
    private QueueWriter writer;
    private IntervalStats stats;
    private RoutingMeters meters;
    private long timerId = -1;
    private long timerDue = Long.MAX_VALUE;

    public RouterVerticle(RoutingConfig config, Clock clock, ZoneId zone, QueueStore queueStore, List<Agent> agents) {
        this(config, clock, zone, queueStore, agents, new Fence(QueueStore.FENCED_BY, "alone", Long.MAX_VALUE));
    }

    /**
     * @param fence this leader's fence ({@code SingletonDeployer}): the store refuses writes of older leaders, and a
     *              refused write makes this router stand down at once
     */
    public RouterVerticle(RoutingConfig config, Clock clock, ZoneId zone, QueueStore queueStore, List<Agent> agents,
                          Fence fence) {
        this(config, clock, zone, queueStore, agents, fence, null);
    }

    /**
     * @param documents where channels leave the contacts no router answered ({@link PendingEnqueues}); null: none
     */
    public RouterVerticle(RoutingConfig config, Clock clock, ZoneId zone, QueueStore queueStore, List<Agent> agents,
                          Fence fence, ReferenceStore documents) {
        this.documents = documents;
        this.config = config;
        this.clock = clock;
        this.zone = zone;
        this.queueStore = queueStore;
        this.agents = List.copyOf(agents);
        this.fence = fence;
    }

    @Override
    public void start(Promise<Void> started) {
        writer = new QueueWriter(queueStore, fence.token(), () -> SingletonDeployer.deposed(vertx, fence));
        stats = new IntervalStats(config, zone, clock);
        meters = new RoutingMeters(Metrics.registry(vertx), clock);
        router = new Router(config, clock, zone, new Listeners(List.of(writer, stats, meters,
                new BusPublisher(vertx.eventBus(), writer::whenStored))));
        agents.forEach(router::upsertAgent);
        queueStore.loadAll()
                .onSuccess(entries -> {
                    router.restore(entries);
                    if (!entries.isEmpty()) {
                        LOG.info("restored {} waiting contacts from the store", entries.size());
                    }
                })
                .compose(v -> queueStore.finishedSince(clock.instant().minus(QueueStore.FINISHED_KEPT)))
                .onSuccess(router::restoreFinished)
                .compose(v -> writer.flushed())
                .onSuccess(v -> {
                    registerConsumers();
                    rearm();
                    vertx.setPeriodic(LIVE_PUSH_MILLIS, id -> {
                        LiveView live = router.live();
                        meters.refresh(live);
                        vertx.eventBus().publish(RoutingAddresses.LIVE_STATS, Jsons.write(live));
                    });
                    vertx.setPeriodic(RECONCILE_MILLIS, id -> reconcile());
                    if (documents != null) {
                        takePending();
                        vertx.setPeriodic(PENDING_MILLIS, id -> takePending());
                    }
                    started.complete();
                    // Agents' presence is not in the store: their desks' nodes tell this router who is ready.
                    vertx.eventBus().publish(RoutingAddresses.ROUTER_STARTED, String.valueOf(fence.token()));
                })
                .onFailure(started::fail);
    }

    @Override
    public void stop() {
        if (meters != null) {
            meters.close();
        }
    }

    private void registerConsumers() {
        var bus = vertx.eventBus();
        bus.<EnqueueContact>consumer(RoutingAddresses.ENQUEUE, m -> handle(m, r -> {
            Router.Enqueued e = router.enqueue(r);
            return new ContactQueued(e.contactId(), e.alreadyQueued(), e.waiting());
        }));
        bus.<ContactAbandoned>consumer(RoutingAddresses.ABANDON, m -> handle(m, r -> {
            if (!router.abandon(r.contactId(), r.callerNumber())) {
                throw new NotWaiting("contact " + r.contactId() + " is not waiting");
            }
            return new ContactQueued(r.contactId(), false, router.waitingCount());
        }));
        bus.<CallbackRequest>consumer(RoutingAddresses.REQUEST_CALLBACK, m -> handle(m, r -> {
            router.requestCallback(r.contactId(), null, r.phone(), r.notBefore());
            return new ContactQueued(r.contactId(), false, router.waitingCount());
        }));
        bus.<CallbackOutcome>consumer(RoutingAddresses.CALLBACK_OUTCOME, m -> handle(m, r -> {
            if (!router.callbackOutcome(r.contactId(), r.agentId(), r.result())) {
                throw new NotWaiting("agent " + r.agentId() + " holds no open callback " + r.contactId());
            }
            return router.status(r.agentId());
        }));
        bus.<OfferAnswer>consumer(RoutingAddresses.ANSWER_OFFER, m -> handle(m, r -> {
            Router.Answer answer = router.answer(r.offerId(), r.agentId(), r.accept());
            if (!answer.stillStanding()) {
                throw new OfferGone("offer " + r.offerId() + " no longer stands (expired, withdrawn or not yours)");
            }
            return answer.assigned().isPresent() ? answer.assigned().get() : router.status(r.agentId());
        }));
        bus.<ContactFinished>consumer(RoutingAddresses.FINISH, m -> handle(m, r -> {
            if (!router.finish(r.contactId(), r.agentId())) {
                throw new NotWaiting("agent " + r.agentId() + " does not hold contact " + r.contactId());
            }
            return router.status(r.agentId());
        }));
        bus.<ContactReturned>consumer(RoutingAddresses.RETURN, m -> handle(m, r -> {
            if (!router.returnToQueue(r.contactId(), r.agentId())) {
                throw new NotWaiting("agent " + r.agentId() + " does not hold contact " + r.contactId());
            }
            LOG.warn("contact {} returned to the queue from agent {}: {}", r.contactId(), r.agentId(), r.reason());
            return new ContactQueued(r.contactId(), false, router.waitingCount());
        }));
        bus.<AgentPresenceChange>consumer(RoutingAddresses.PRESENCE,
                m -> handle(m, r -> router.presence(r.agentId(), r.presence(), r.reason())));

        bus.<String>consumer(RoutingAddresses.STANDING_OFFER, m -> m.reply(Jsons.write(
                java.util.Collections.singletonMap("offer", router.standingOffer(m.body()).orElse(null)))));
        bus.<String>consumer(LIVE_QUERY, m -> m.reply(Jsons.write(router.live())));
        bus.<String>consumer(AGENTS_QUERY, m -> m.reply(Jsons.write(
                router.seats().stream().map(s -> router.status(s.id())).sorted(
                        java.util.Comparator.comparing(org.civicline.core.routing.AgentStatus::agentId)).toList())));
        bus.<String>consumer(QUEUE_QUERY, m -> m.reply(Jsons.write(router.entries())));
        bus.<String>consumer(STATS_QUERY, m -> handleStats(m));
        bus.<String>consumer(RECONCILE, m -> reconcile().onSuccess(repairs -> m.reply(Jsons.write(repairs)))
                .onFailure(e -> m.fail(FailureCodes.UNAVAILABLE, e.getMessage())));
    }

    /**
     * Compares the router with the store and the PBX and repairs what differs, logging each repair. Nothing is ever
     * stuck for longer than one period because of a lost write or a lost hang-up.
     */
    Future<List<String>> reconcile() {
        writer.snapshotStarts();
        return queueStore.loadAll().compose(stored -> liveCalls().map(live -> {
            QueueWriter.Snapshot written = writer.snapshotEnds();
            List<org.civicline.core.routing.QueueEntry> current = stored.stream()
                    .filter(e -> !written.removed().contains(e.contactId())).toList();
            // A contact queued or handed to an agent while the store was read is compared next time.
            List<String> repairs = router.reconcile(current, written.saved(), live == null ? null : live.uniqueIds(),
                    live == null ? null : live.at());
            repairs.forEach(r -> LOG.warn("reconciliation: {}", r));
            rearm();
            return repairs;
        })).compose(repairs -> writer.flushed().map(repairs))
                .onFailure(e -> {
                    writer.snapshotEnds();
                    LOG.warn("reconciliation skipped: {}", e.getMessage());
                });
    }

    /**
     * Queues the contacts that channels stored while no router answered them, and removes each from the store once
     * its queue entry is stored (a deposed router's writes are refused, so it leaves them to the next one).
     */
    private void takePending() {
        if (takingPending) {
            return;
        }
        takingPending = true;
        documents.list(PendingEnqueues.KIND, EnqueueContact.class)
                .compose(requests -> {
                    if (requests.isEmpty()) {
                        return Future.<Void>succeededFuture();
                    }
                    for (EnqueueContact request : requests) {
                        try {
                            router.enqueue(request);
                        } catch (IllegalArgumentException e) {
                            LOG.warn("pending contact not queued: {}", e.getMessage());
                        }
                    }
                    rearm();
                    return writer.flushed()
                            .compose(v -> Future.all(requests.stream().map(r -> documents.remove(PendingEnqueues.KIND,
                                    r.contact().id())).toList()))
                            .<Void>mapEmpty()
                            .onSuccess(v -> LOG.info("queued {} contacts stored while no router answered them",
                                    requests.size()));
                })
                .onFailure(e -> LOG.warn("pending contacts not taken in yet: {}", e.getMessage()))
                .onComplete(done -> takingPending = false);
    }

    /** The PBX's calls, or null when no telephony answers (no PBX configured, or it is down). */
    private Future<LiveCalls> liveCalls() {
        return vertx.eventBus().<LiveCalls>request(RoutingAddresses.LIVE_CALLS, "",
                        new io.vertx.core.eventbus.DeliveryOptions().setSendTimeout(5_000))
                .map(m -> m.body())
                .recover(e -> Future.succeededFuture(null));
    }

    /** Query: {@code {"period": "interval", "from": ISO, "to": ISO}} or {@code {"period": "day", "date": …}}. */
    private void handleStats(Message<String> m) {
        try {
            Map<?, ?> q = Jsons.read(m.body(), Map.class);
            if ("day".equals(q.get("period"))) {
                m.reply(Jsons.write(stats.day(LocalDate.parse(String.valueOf(q.get("date"))))));
            } else {
                m.reply(Jsons.write(stats.report(Instant.parse(String.valueOf(q.get("from"))),
                        Instant.parse(String.valueOf(q.get("to"))))));
            }
        } catch (RuntimeException e) {
            m.fail(FailureCodes.INVALID, e.getMessage());
        }
    }

    private <T, R> void handle(Message<T> message, Function<T, R> action) {
        R result;
        try {
            result = action.apply(message.body());
        } catch (IllegalArgumentException e) {
            message.fail(FailureCodes.INVALID, e.getMessage());
            rearm();
            return;
        } catch (NotWaiting e) {
            message.fail(FailureCodes.NOT_FOUND, e.getMessage());
            rearm();
            return;
        } catch (OfferGone e) {
            message.fail(FailureCodes.CONFLICT, e.getMessage());
            rearm();
            return;
        }
        rearm();
        // Answer only once the queue changes of this call are stored: an acknowledged contact is never lost.
        Future<Void> stored = writer.flushed();
        stored.onSuccess(v -> message.reply(result))
                .onFailure(e -> message.fail(FailureCodes.UNAVAILABLE, "queue not stored: " + e.getMessage()));
    }

    /** Keeps exactly one timer, armed for the router's next due time. */
    private void rearm() {
        long due = router.nextDue().map(Instant::toEpochMilli).orElse(Long.MAX_VALUE);
        if (due == timerDue && timerId >= 0) {
            return;
        }
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
        timerDue = due;
        if (due == Long.MAX_VALUE) {
            return;
        }
        long delay = Math.max(1, due - clock.millis());
        timerId = vertx.setTimer(delay, id -> {
            timerId = -1;
            timerDue = Long.MAX_VALUE;
            router.advance();
            writer.flushed();
            rearm();
        });
    }

    /** The contact or the held contact named is not where the request expects it. */
    static final class NotWaiting extends RuntimeException {
        NotWaiting(String message) {
            super(message);
        }
    }

    /** The offer answered no longer stands. */
    static final class OfferGone extends RuntimeException {
        OfferGone(String message) {
            super(message);
        }
    }
}
