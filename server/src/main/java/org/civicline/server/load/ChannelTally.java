package org.civicline.server.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** One channel's counts and latencies in one phase; recorded from any thread. */
final class ChannelTally {
    /** Latencies are kept in microseconds up to an hour, three significant digits. */
    private static final long MAX_MICROS = TimeUnit.HOURS.toMicros(1);

    final LongAdder sent = new LongAdder();
    final LongAdder acknowledged = new LongAdder();
    final LongAdder offered = new LongAdder();
    final LongAdder accepted = new LongAdder();
    final LongAdder acceptedInServiceLevel = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Histogram toAck = latencies();
    private final Histogram toOffer = latencies();

    /** A histogram of latencies as the tallies keep them; record with {@link #clamp}. */
    static Histogram latencies() {
        return new ConcurrentHistogram(MAX_MICROS, 3);
    }

    void acknowledged(long nanos) {
        acknowledged.increment();
        toAck.recordValue(clamp(nanos));
    }

    void offered(long nanos) {
        offered.increment();
        toOffer.recordValue(clamp(nanos));
    }

    void failed(String kind) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    Map<String, Long> errors() {
        Map<String, Long> out = new TreeMap<>();
        errors.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    Histogram ackHistogram() {
        return toAck.copy();
    }

    Histogram offerHistogram() {
        return toOffer.copy();
    }

    /** Nanoseconds as recorded: microseconds, from 0 to an hour. */
    static long clamp(long nanos) {
        return Math.min(MAX_MICROS, Math.max(0, nanos / 1000));
    }
}
