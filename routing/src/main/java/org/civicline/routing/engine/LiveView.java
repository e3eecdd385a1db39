package org.civicline.routing.engine;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.civicline.core.model.Channel;
import org.civicline.core.routing.AgentStatus;
import org.civicline.core.routing.Presence;

/**
 * The live queue figures for the wallboard.
 *
 * @param waitingByChannel       contacts in the queue per channel (waiting, offered or scheduled)
 * @param waitingByQueue         the same per routing queue
 * @param waitingByPriorityClass the same per class of the one queue (alarm, elderly, voice …)
 * @param longestWaitSeconds     the longest current wait per channel
 * @param agentsByPresence       agents per presence (BUSY when on a call or full)
 * @param offersOutstanding      offers made and not yet answered
 */
public record LiveView(
        Map<Channel, Integer> waitingByChannel,
        Map<String, Integer> waitingByQueue,
        Map<PriorityClass, Integer> waitingByPriorityClass,
        Map<Channel, Long> longestWaitSeconds,
        Map<Presence, Integer> agentsByPresence,
        int offersOutstanding,
        int callbacksScheduled) {

    static LiveView of(Collection<Waiting> queued, Collection<Seat> seats, int offers, long now,
                       Function<Seat, AgentStatus> status) {
        Map<Channel, Integer> byChannel = new EnumMap<>(Channel.class);
        Map<String, Integer> byQueue = new TreeMap<>();
        Map<PriorityClass, Integer> byClass = new EnumMap<>(PriorityClass.class);
        Map<Channel, Long> longest = new EnumMap<>(Channel.class);
        int callbacks = 0;
        for (Waiting w : queued) {
            byChannel.merge(w.channel, 1, Integer::sum);
            byQueue.merge(w.queue.name(), 1, Integer::sum);
            byClass.merge(w.priorityClass, 1, Integer::sum);
            if (w.notBefore > now) {
                callbacks++;
                continue;
            }
            longest.merge(w.channel, Math.max(0, (now - w.enqueuedAt) / 1000), Math::max);
        }
        Map<Presence, Integer> byPresence = new EnumMap<>(Presence.class);
        for (Seat seat : seats) {
            byPresence.merge(status.apply(seat).presence(), 1, Integer::sum);
        }
        return new LiveView(byChannel, byQueue, byClass, longest, byPresence, offers, callbacks);
    }
}
