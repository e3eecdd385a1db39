package org.civicline.routing.engine;

import java.util.PriorityQueue;

/**
 * Everything the router must do at a given time: offer expiries, wrap-up ends, overflow steps, callbacks falling due.
 * Actions check when they run whether they still apply, so nothing is ever cancelled.
 */
final class Timers {
    private record Timer(long at, long sequence, Runnable action) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer o) {
            int byTime = Long.compare(at, o.at);
            return byTime != 0 ? byTime : Long.compare(sequence, o.sequence);
        }
    }

    private final PriorityQueue<Timer> queue = new PriorityQueue<>();
    private long sequence;

    void at(long millis, Runnable action) {
        queue.add(new Timer(millis, sequence++, action));
    }

    /** Runs every action due at or before {@code now}, including ones that due actions add. */
    void runDue(long now) {
        while (!queue.isEmpty() && queue.peek().at() <= now) {
            queue.poll().action().run();
        }
    }

    /** When the next action is due, or {@code Long.MAX_VALUE}. */
    long next() {
        return queue.isEmpty() ? Long.MAX_VALUE : queue.peek().at();
    }

    int size() {
        return queue.size();
    }
}
