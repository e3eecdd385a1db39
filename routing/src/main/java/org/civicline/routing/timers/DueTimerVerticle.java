package org.civicline.routing.timers;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.civicline.core.cases.deadlines.TimerKind;
import org.civicline.core.store.DueTimer;
import org.civicline.core.store.TimerStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires the due timers kept in the store. It runs on one node of the cluster (singleton {@value #SINGLETON}), so the
 * timers of a case fire one after another; the store still hands each due timer to one claimer only, under a lease,
 * so a reminder fires once per cluster even while a deposed node and its successor both run. One Vert.x timer waits for the next due time (read from the store,
 * at most {@link #MAX_SLEEP} ahead, since another node may schedule an earlier one); a wake notice on the bus makes
 * it look again at once. Runs are serialised on this node.
 */
public final class DueTimerVerticle extends AbstractVerticle {
    /** Request (empty body) → reply the number of timers fired: run what is due now. For operators and tests. */
    public static final String RUN_DUE = "civicline.timers.run-due";
    public static final String SINGLETON = "due-timers";
    static final Duration MAX_SLEEP = Duration.ofSeconds(30);
    /**
     * How long a claimed timer is this node's: it fires again after that unless its action finished, so a timer
     * whose action failed, or whose node died while firing it, is tried again.
     */
    static final Duration LEASE = Duration.ofMinutes(2);
    private static final int BATCH = 50;
    private static final Logger LOG = LoggerFactory.getLogger(DueTimerVerticle.class);

    private final TimerStore timers;
    private final Clock clock;
    private final Map<String, Function<DueTimer, Future<Void>>> actions;
    private Future<Integer> running = Future.succeededFuture(0);
    private long vertxTimer = -1;

    public DueTimerVerticle(TimerStore timers, Clock clock, Map<String, Function<DueTimer, Future<Void>>> actions) {
        this.timers = timers;
        this.clock = clock;
        this.actions = Map.copyOf(actions);
    }

    @Override
    public void start() {
        vertx.eventBus().consumer(TimerKind.WAKE, m -> runDue());
        vertx.eventBus().<Object>localConsumer(RUN_DUE, m -> runDue().onComplete(done -> {
            if (done.succeeded()) {
                m.reply(done.result());
            } else {
                m.fail(503, done.cause().getMessage());
            }
        }));
        runDue();
    }

    /** Fires everything due now, after any run in progress, then waits for the next due time. */
    Future<Integer> runDue() {
        running = running.transform(previous -> fireDue(0)).andThen(done -> sleepUntilNext());
        return running;
    }

    private Future<Integer> fireDue(int firedSoFar) {
        Instant now = clock.instant();
        return timers.claimDue(now, LEASE, BATCH).compose(claimed -> fireAll(claimed, 0)
                .compose(fired -> claimed.size() == BATCH ? fireDue(firedSoFar + fired)
                        : Future.succeededFuture(firedSoFar + fired)));
    }

    /** One after another, so a case's reminder and overdue notes do not race for the same log version. */
    private Future<Integer> fireAll(List<DueTimer> claimed, int index) {
        if (index == claimed.size()) {
            return Future.succeededFuture(0);
        }
        return fire(claimed.get(index)).compose(ok -> fireAll(claimed, index + 1).map(n -> n + 1));
    }

    private Future<Void> fire(DueTimer timer) {
        Function<DueTimer, Future<Void>> action = actions.get(timer.kind());
        if (action == null) {
            LOG.warn("dropping timer {}: no action for kind {}", timer.id(), timer.kind());
            return Future.succeededFuture();
        }
        Future<Void> result;
        try {
            result = action.apply(timer);
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        return result.compose(done -> timers.done(timer)).recover(e -> {
            LOG.warn("timer {} failed, trying again after {}: {}", timer.id(), LEASE, e.toString());
            return Future.succeededFuture();
        });
    }

    private void sleepUntilNext() {
        timers.nextDue().onComplete(next -> {
            Duration wait = MAX_SLEEP;
            if (next.succeeded() && next.result().isPresent()) {
                Duration until = Duration.between(clock.instant(), next.result().get());
                wait = until.compareTo(MAX_SLEEP) > 0 ? MAX_SLEEP : until;
            }
            if (vertxTimer >= 0) {
                vertx.cancelTimer(vertxTimer);
            }
            vertxTimer = vertx.setTimer(Math.max(1, wait.toMillis()), id -> {
                vertxTimer = -1;
                runDue();
            });
        });
    }
}
