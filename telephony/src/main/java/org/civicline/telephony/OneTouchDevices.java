package org.civicline.telephony;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.time.Instant;
import java.util.Set;
import org.civicline.core.bus.OneTouchCallLookup;

/**
 * The hook for the one-touch device registry: a call whose caller ID is a registered device is an alarm and goes
 * first. Telephony only asks; the registry owns the answer (and opens the alarm when it says yes).
 */
public interface OneTouchDevices {
    /** The caller waits while we ask: an unanswered question must not hold the call for long. */
    long REGISTRY_TIMEOUT_MILLIS = 1000;

    /** Whether {@code callerNumber} belongs to a registered one-touch device; {@code callId} is the PBX's call id. */
    Future<Boolean> isDevice(String callerNumber, String callId, Instant at);

    /** A fixed list, e.g. from configuration. */
    static OneTouchDevices of(Set<String> numbers) {
        Set<String> copy = Set.copyOf(numbers);
        return (number, callId, at) -> Future.succeededFuture(number != null && copy.contains(number));
    }

    /**
     * The device registry on the bus (core's {@link OneTouchCallLookup}). No registry deployed, or no answer in time:
     * not a device, and the call is queued on its line as usual.
     */
    static OneTouchDevices registry(Vertx vertx) {
        DeliveryOptions options = new DeliveryOptions().setSendTimeout(REGISTRY_TIMEOUT_MILLIS);
        return (number, callId, at) -> number == null ? Future.succeededFuture(false)
                : vertx.eventBus().<Boolean>request(OneTouchCallLookup.ADDRESS,
                                new OneTouchCallLookup(number, callId, at), options)
                        .map(reply -> Boolean.TRUE.equals(reply.body()))
                        .otherwise(false);
    }

    /** Yes when this or {@code next} says yes; {@code next} is asked only when this says no. */
    default OneTouchDevices or(OneTouchDevices next) {
        return (number, callId, at) -> isDevice(number, callId, at)
                .compose(yes -> yes ? Future.succeededFuture(true) : next.isDevice(number, callId, at));
    }
}
