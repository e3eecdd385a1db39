package org.civicline.core.routing;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import java.time.Duration;
import org.civicline.core.bus.FailureCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a stored contact to the router ({@link RoutingAddresses#ENQUEUE}) for a caller that waits for the router's
 * answer (telephony: a call is "queued" only once the router has it), also while the router moves to another node
 * — channels that answer at once leave the contact in the store instead ({@link PendingEnqueues}). When no router
 * answers — its node died and another one is taking over, which takes seconds — the request is
 * sent again, with growing pauses, until one does. The router takes a contact in once however often it is asked
 * ({@link ContactQueued#alreadyQueued()}), so asking again is safe; a refusal (an invalid request) is not retried.
 */
public final class QueueEntrance {
    private static final Logger LOG = LoggerFactory.getLogger(QueueEntrance.class);
    /** Well past a take-over: Hazelcast notices a dead node within ~5 s and the router's lease runs 5 s. */
    public static final Duration KEEP_TRYING = Duration.ofSeconds(60);
    private static final long FIRST_PAUSE_MILLIS = 100;
    private static final long MAX_PAUSE_MILLIS = 2_000;

    private final Vertx vertx;
    private final DeliveryOptions options;

    /** @param attemptTimeoutMillis how long one try waits for the router's answer */
    public QueueEntrance(Vertx vertx, long attemptTimeoutMillis) {
        this.vertx = vertx;
        this.options = new DeliveryOptions().setSendTimeout(attemptTimeoutMillis);
    }

    /** The router's answer; fails when it refused the request or none answered for {@link #KEEP_TRYING}. */
    public Future<ContactQueued> enqueue(EnqueueContact request) {
        Promise<ContactQueued> done = Promise.promise();
        attempt(request, done, System.nanoTime() + KEEP_TRYING.toNanos(), FIRST_PAUSE_MILLIS, 1);
        return done.future();
    }

    private void attempt(EnqueueContact request, Promise<ContactQueued> done, long deadline, long pause, int tries) {
        vertx.eventBus().<ContactQueued>request(RoutingAddresses.ENQUEUE, request, options)
                .onSuccess(reply -> {
                    if (tries > 1) {
                        LOG.info("contact {} queued at try {}", request.contact().id(), tries);
                    }
                    done.complete(reply.body());
                })
                .onFailure(e -> {
                    if (!routerAway(e) || System.nanoTime() + pause * 1_000_000 > deadline) {
                        done.fail(e);
                        return;
                    }
                    if (tries == 1) {
                        LOG.warn("no router took contact {} ({}); trying again until one does",
                                request.contact().id(), e.getMessage());
                    }
                    vertx.setTimer(pause, id -> attempt(request, done, deadline, Math.min(pause * 2, MAX_PAUSE_MILLIS),
                            tries + 1));
                });
    }

    /** No router registered, none answered in time, or it could not store the queue: another may answer soon. */
    static boolean routerAway(Throwable failure) {
        if (!(failure instanceof ReplyException reply)) {
            return true;
        }
        return switch (reply.failureType()) {
            case NO_HANDLERS, TIMEOUT, ERROR -> true;
            case RECIPIENT_FAILURE -> reply.failureCode() == FailureCodes.UNAVAILABLE;
        };
    }
}
