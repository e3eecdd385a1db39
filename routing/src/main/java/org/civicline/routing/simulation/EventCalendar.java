package org.civicline.routing.simulation;

import java.util.PriorityQueue;

/** The simulator's future: events by time, ties in the order they were scheduled. */
final class EventCalendar {
    record Event(long at, long sequence, String kind, Runnable action) implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            int byTime = Long.compare(at, o.at);
            return byTime != 0 ? byTime : Long.compare(sequence, o.sequence);
        }
    }

    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private long sequence;

    void at(long millis, String kind, Runnable action) {
        queue.add(new Event(millis, sequence++, kind, action));
    }

    long nextTime() {
        Event next = queue.peek();
        return next == null ? Long.MAX_VALUE : next.at();
    }

    Event poll() {
        return queue.poll();
    }
}
