package org.civicline.core.routing;

import java.time.Instant;
import java.util.List;
import org.civicline.core.model.CallReference;
import org.civicline.core.model.Channel;
import org.civicline.core.model.Priority;

/**
 * A waiting contact as the router persists it, so that a restart or another node finds every contact in its place.
 *
 * @param sequence      tie-breaker of the place among contacts that arrived in the same millisecond
 * @param step          how far the contact's needs have widened (index into needs)
 * @param priorityClass the router's queue class (kept as text: the router owns the enum)
 * @param heldBy        the agent who accepted it and holds it now, null while it waits: a router that takes over
 *                      knows who holds what, so a contact in hand is neither lost nor offered to a second agent
 */
public record QueueEntry(
        String contactId,
        Channel channel,
        Priority priority,
        String sender,
        CallReference call,
        List<List<String>> needs,
        Instant enqueuedAt,
        long sequence,
        int step,
        Instant notBefore,
        boolean callback,
        String callbackPhone,
        int attempt,
        String priorityClass,
        String heldBy) {

    /** A waiting entry (held by nobody). */
    public QueueEntry(String contactId, Channel channel, Priority priority, String sender, CallReference call,
                      List<List<String>> needs, Instant enqueuedAt, long sequence, int step, Instant notBefore,
                      boolean callback, String callbackPhone, int attempt, String priorityClass) {
        this(contactId, channel, priority, sender, call, needs, enqueuedAt, sequence, step, notBefore, callback,
                callbackPhone, attempt, priorityClass, null);
    }
}
