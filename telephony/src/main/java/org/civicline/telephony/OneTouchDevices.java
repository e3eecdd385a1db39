package org.civicline.telephony;

import io.vertx.core.Future;
import java.util.Set;

/**
 * The hook for the one-touch device registry (built with the grid and elderly services): a call whose caller ID
 * is a registered device is an alarm and goes first. Telephony only asks; the registry owns the answer.
 */
public interface OneTouchDevices {

    /** Whether {@code callerNumber} belongs to a registered one-touch device. */
    Future<Boolean> isDevice(String callerNumber);

    /** A fixed list, e.g. from configuration. */
    static OneTouchDevices of(Set<String> numbers) {
        Set<String> copy = Set.copyOf(numbers);
        return number -> Future.succeededFuture(number != null && copy.contains(number));
    }
}
