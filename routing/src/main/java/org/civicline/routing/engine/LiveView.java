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
        // Counted in arrays and boxed once at the end: this walks the whole queue every second.
        Channel[] channels = Channel.values();
        PriorityClass[] classes = PriorityClass.values();
        int[] byChannelCount = new int[channels.length];
        int[] byClassCount = new int[classes.length];
        long[] longestMillis = new long[channels.length];
        java.util.Arrays.fill(longestMillis, -1);
        Map<String, int[]> byQueueCount = new java.util.HashMap<>();
        int callbacks = 0;
        for (Waiting w : queued) {
            int channel = w.channel.ordinal();
            byChannelCount[channel]++;
            byClassCount[w.priorityClass.ordinal()]++;
            byQueueCount.computeIfAbsent(w.queue.name(), name -> new int[1])[0]++;
            if (w.notBefore > now) {
                callbacks++;
                continue;
            }
            longestMillis[channel] = Math.max(longestMillis[channel], Math.max(0, now - w.enqueuedAt));
        }
        Map<Channel, Integer> byChannel = new EnumMap<>(Channel.class);
        Map<Channel, Long> longest = new EnumMap<>(Channel.class);
        for (Channel channel : channels) {
            if (byChannelCount[channel.ordinal()] > 0) {
                byChannel.put(channel, byChannelCount[channel.ordinal()]);
            }
            if (longestMillis[channel.ordinal()] >= 0) {
                longest.put(channel, longestMillis[channel.ordinal()] / 1000);
            }
        }
        Map<PriorityClass, Integer> byClass = new EnumMap<>(PriorityClass.class);
        for (PriorityClass priorityClass : classes) {
            if (byClassCount[priorityClass.ordinal()] > 0) {
                byClass.put(priorityClass, byClassCount[priorityClass.ordinal()]);
            }
        }
        Map<String, Integer> byQueue = new TreeMap<>();
        byQueueCount.forEach((name, count) -> byQueue.put(name, count[0]));
        Map<Presence, Integer> byPresence = new EnumMap<>(Presence.class);
        for (Seat seat : seats) {
            byPresence.merge(status.apply(seat).presence(), 1, Integer::sum);
        }
        return new LiveView(byChannel, byQueue, byClass, longest, byPresence, offers, callbacks);
    }
}
