package org.civicline.core.cluster;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Verticle;
import io.vertx.core.shareddata.Lock;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a verticle on exactly one node of the cluster: each node waits for the cluster-wide lock of the singleton; the
 * holder deploys it with a fencing token from the store, higher for every new holder (also across restarts). When the holder dies the
 * cluster manager frees its lock and the next waiting node takes over, rebuilding the state from the store. On one
 * node the lock is local and is taken at once.
 */
public final class SingletonDeployer extends AbstractVerticle {
    private static final Logger LOG = LoggerFactory.getLogger(SingletonDeployer.class);
    static final long LOCK_WAIT_MILLIS = 2_000;

    private final String name;
    private final Supplier<Future<Long>> fences;
    private final LongFunction<Verticle> singleton;
    private Lock lock;
    private String deployment;
    private boolean stopped;

    /**
     * @param fences    issues the next fencing token (the store that refuses older tokens' writes)
     * @param singleton makes the verticle for a fencing token
     */
    public SingletonDeployer(String name, Supplier<Future<Long>> fences, LongFunction<Verticle> singleton) {
        this.name = name;
        this.fences = fences;
        this.singleton = singleton;
    }

    @Override
    public void start() {
        acquire();
    }

    private void acquire() {
        if (stopped) {
            return;
        }
        vertx.sharedData().getLockWithTimeout("civicline.singleton." + name, LOCK_WAIT_MILLIS)
                .onSuccess(this::lead)
                .onFailure(e -> acquire());
    }

    private void lead(Lock acquired) {
        if (stopped) {
            acquired.release();
            return;
        }
        lock = acquired;
        fences.get()
                .compose(token -> vertx.deployVerticle(singleton.apply(token)).map(id -> {
                    deployment = id;
                    LOG.info("this node now runs the {} (fencing token {})", name, token);
                    return id;
                }))
                .onFailure(e -> {
                    LOG.error("could not start the {}; letting another node try", name, e);
                    release();
                    vertx.setTimer(LOCK_WAIT_MILLIS, id -> acquire());
                });
    }

    /** True while this node runs the singleton. */
    public boolean isLeader() {
        return deployment != null;
    }

    @Override
    public void stop() {
        stopped = true;
        release();
    }

    private void release() {
        if (lock != null) {
            lock.release();
            lock = null;
        }
        deployment = null;
    }

}
