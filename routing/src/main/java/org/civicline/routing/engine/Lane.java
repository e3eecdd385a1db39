package org.civicline.routing.engine;

import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.civicline.core.model.Channel;

/**
 * The waiting contacts of one channel and priority class that need the same skills, oldest first. The one queue is
 * the union of the lanes; a decision compares the heads of the lanes an agent can serve.
 */
final class Lane {
    static final Comparator<Waiting> PLACE =
            Comparator.<Waiting>comparingLong(w -> w.enqueuedAt).thenComparingLong(w -> w.sequence);

    final String key;
    final Channel channel;
    final PriorityClass priorityClass;
    final List<String> skills;
    final Channel.Medium medium;
    final TreeSet<Waiting> waiting = new TreeSet<>(PLACE);

    Lane(String key, Channel channel, PriorityClass priorityClass, List<String> skills, Channel.Medium medium) {
        this.key = key;
        this.channel = channel;
        this.priorityClass = priorityClass;
        this.skills = skills;
        this.medium = medium;
    }

    static String keyOf(Channel channel, PriorityClass priorityClass, List<String> skills) {
        return channel.name() + '|' + priorityClass.name() + '|' + String.join(",", skills);
    }
}
