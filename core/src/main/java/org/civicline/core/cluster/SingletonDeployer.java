package org.civicline.core.cluster;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Verticle;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Lock;
import java.time.Duration;
import java.util.function.Function;
import org.civicline.core.store.Fence;
import org.civicline.core.store.FenceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a verticle on exactly one node of the cluster. Each node waits for the singleton's cluster-wide lock; the
 * holder then claims the singleton's lease in the shared store, with a fencing token higher than every earlier
 * leader's (also across restarts), and deploys the verticle with it. It renews the lease while it runs.
 *
 * <p>When the holder dies, the cluster manager frees its lock within seconds and the next node takes over once the
 * lease is released or has run out, rebuilding the state from the store. When the nodes are cut apart but both reach
 * the store, both sides may hold "the" lock, but only one lease runs: the other side waits. A leader that learns that a
 * newer token is in force (its renewal is refused, or a fenced write failed: {@link #deposed}) stops its verticle at
 * once and queues for the lock again; its writes already made with the old token are refused by the store. On one node
 * the lock is local and everything starts at once.
 */
public final class SingletonDeployer extends AbstractVerticle {
    private static final Logger LOG = LoggerFactory.getLogger(SingletonDeployer.class);
    static final long LOCK_WAIT_MILLIS = 2_000;
    private static final long FIRST_LOCK_WAIT_MILLIS = 250;
    /** How long a leader's lease runs unless renewed: bounds the wait after a holder died without releasing it. */
    public static final Duration LEASE = Duration.ofSeconds(5);

    private final String name;
    private final FenceStore fences;
    private final String holder;
    private final Function<Fence, Verticle> singleton;
    private final Duration lease;
    private Lock lock;
    private Fence fence;
    private String deployment;
    private long renewTimer = -1;
    private long lastRenewedNanos;
    private boolean stopped;
    /** The start completes once this node runs the singleton or knows that another one does, so one node starts whole. */
    private final Promise<Void> firstOutcome = Promise.promise();

    /**
     * @param fences    the store's leases and tokens; it refuses writes made under an older token
     * @param holder    this node's name, kept with the lease
     * @param singleton makes the verticle for its fence
     */
    public SingletonDeployer(String name, FenceStore fences, String holder, Function<Fence, Verticle> singleton) {
        this(name, fences, holder, singleton, LEASE);
    }

    SingletonDeployer(String name, FenceStore fences, String holder, Function<Fence, Verticle> singleton,
                      Duration lease) {
        this.name = name;
        this.fences = fences;
        this.holder = holder;
        this.singleton = singleton;
        this.lease = lease;
    }

    /**
     * Tells this node's deployer of {@code fence}'s singleton that a fenced write was refused: a newer leader runs, so
     * the verticle stops now rather than at the next renewal.
     */
    public static void deposed(Vertx vertx, Fence fence) {
        vertx.eventBus().send(deposedAddress(fence.singleton()), fence.token());
    }

    private static String deposedAddress(String singleton) {
        return "civicline.singleton." + singleton + ".deposed";
    }

    @Override
    public void start(Promise<Void> started) {
        firstOutcome.future().onComplete(started);
        vertx.eventBus().<Long>localConsumer(deposedAddress(name), m -> {
            if (fence != null && fence.token() == m.body()) {
                stepDown("a write under its fencing token " + m.body() + " was refused");
            }
        });
        acquire();
    }

    private void acquire() {
        if (stopped) {
            return;
        }
        // The first try is short: a node joining a running cluster should not hold its start up for a lock it won't get.
        long wait = firstOutcome.future().isComplete() ? LOCK_WAIT_MILLIS : FIRST_LOCK_WAIT_MILLIS;
        vertx.sharedData().getLockWithTimeout("civicline.singleton." + name, wait)
                .onSuccess(this::claim)
                .onFailure(e -> {
                    firstOutcome.tryComplete();
                    acquire();
                });
    }

    /** Holding the lock: waits for the lease (another side of a partition may still hold it), then deploys. */
    private void claim(Lock acquired) {
        if (stopped) {
            acquired.release();
            return;
        }
        lock = acquired;
        fences.claim(name, holder, lease)
                .onSuccess(claimed -> {
                    if (claimed.isEmpty()) {
                        firstOutcome.tryComplete();
                        LOG.debug("the {} lease is held by another node; waiting", name);
                        retryClaim();
                    } else {
                        deploy(claimed.get());
                    }
                })
                .onFailure(e -> {
                    firstOutcome.tryComplete();
                    LOG.warn("could not claim the {} lease: {}; trying again", name, e.getMessage());
                    retryClaim();
                });
    }

    private void retryClaim() {
        vertx.setTimer(Math.max(50, lease.toMillis() / 5), id -> {
            if (stopped) {
                releaseLock();
            } else {
                claim(lock);
            }
        });
    }

    private void deploy(Fence claimed) {
        if (stopped) {
            fences.release(claimed);
            releaseLock();
            return;
        }
        fence = claimed;
        lastRenewedNanos = System.nanoTime();
        renewTimer = vertx.setPeriodic(Math.max(20, lease.toMillis() / 5), id -> renew());
        Verticle verticle;
        try {
            verticle = singleton.apply(claimed);
        } catch (RuntimeException e) {
            startFailed(e);
            return;
        }
        vertx.deployVerticle(verticle)
                .onSuccess(id -> {
                    if (fence != claimed) {
                        vertx.undeploy(id);
                        return;
                    }
                    deployment = id;
                    firstOutcome.tryComplete();
                    LOG.info("this node now runs the {} (fencing token {})", name, claimed.token());
                })
                .onFailure(this::startFailed);
    }

    private void startFailed(Throwable e) {
        firstOutcome.tryComplete();
        LOG.error("could not start the {}; letting another node try", name, e);
        Fence failed = fence;
        resign();
        fences.release(failed).onComplete(done -> vertx.setTimer(LOCK_WAIT_MILLIS, id -> acquire()));
    }

    private void renew() {
        Fence current = fence;
        if (current == null) {
            return;
        }
        fences.renew(current, lease)
                .onSuccess(renewed -> {
                    if (fence != current) {
                        return;
                    }
                    if (renewed) {
                        lastRenewedNanos = System.nanoTime();
                    } else {
                        stepDown("token " + current.token() + " is no longer in force");
                    }
                })
                .onFailure(e -> {
                    // Unrenewed, the lease runs out and another node may start: stop before that can happen.
                    if (fence == current && System.nanoTime() - lastRenewedNanos > lease.toNanos() * 3 / 5) {
                        stepDown("its lease could not be renewed (" + e.getMessage() + ")");
                    }
                });
    }

    private void stepDown(String why) {
        if (fence == null) {
            return;
        }
        LOG.warn("this node stops running the {}: {}", name, why);
        resign();
        vertx.setTimer(LOCK_WAIT_MILLIS, id -> acquire());
    }

    /** Stops the verticle and frees the lock; the lease is left to run out or to a newer token. */
    private void resign() {
        if (renewTimer >= 0) {
            vertx.cancelTimer(renewTimer);
            renewTimer = -1;
        }
        fence = null;
        if (deployment != null) {
            vertx.undeploy(deployment);
            deployment = null;
        }
        releaseLock();
    }

    private void releaseLock() {
        if (lock != null) {
            lock.release();
            lock = null;
        }
    }

    /** True while this node runs the singleton. */
    public boolean isLeader() {
        return deployment != null;
    }

    /** This leader's fence, null while it does not lead. */
    public Fence fence() {
        return deployment == null ? null : fence;
    }

    @Override
    public void stop(Promise<Void> done) {
        stopped = true;
        Fence leaving = fence;
        if (renewTimer >= 0) {
            vertx.cancelTimer(renewTimer);
            renewTimer = -1;
        }
        fence = null;
        deployment = null;
        // The verticle (a child of this one) has stopped by now: hand the lease over at once.
        Future<Void> released = leaving == null ? Future.succeededFuture()
                : fences.release(leaving).recover(e -> Future.succeededFuture());
        released.onComplete(r -> {
            releaseLock();
            done.complete();
        });
    }
}
