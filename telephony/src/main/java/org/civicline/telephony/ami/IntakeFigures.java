package org.civicline.telephony.ami;

import java.util.Arrays;

/**
 * How fast calls become queued contacts: the time from the PBX stamping Newchannel to the router's reply, in µs.
 * Kept for the load run and for /health-style reporting; touched on one context only.
 */
public final class IntakeFigures {
    private long[] micros = new long[1024];
    private int count;
    private long failed;

    void queued(double latencyMicros) {
        if (count == micros.length) {
            micros = Arrays.copyOf(micros, count * 2);
        }
        micros[count++] = Math.max(0, Math.round(latencyMicros));
    }

    void failed() {
        failed++;
    }

    public int queuedCount() {
        return count;
    }

    public long failedCount() {
        return failed;
    }

    /** The {@code q} quantile (0..1) of the Newchannel → queued latency, in milliseconds. */
    public double quantileMillis(double q) {
        if (count == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(micros, count);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(q * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, index))] / 1000.0;
    }
}
