package org.civicline.server.load;

import java.util.List;
import java.util.Map;

/**
 * What a run measured, ready to print. Times are milliseconds; a percentile with no samples is NaN. {@code toolLag}:
 * how late the tool itself started sending each contact of the timed run, past its scheduled arrival.
 */
record LoadReport(
        String arrivals,
        double targetRate,
        int seconds,
        int agents,
        List<Row> rows,
        Row total,
        Percentiles toolLag,
        Map<String, Long> errors,
        Map<String, Long> agentErrors,
        ServiceLevel serviceLevel,
        Capacity capacity,
        LostCheck.Outcome lost) {

    record Percentiles(double p50, double p99, double p999) {
        static final Percentiles NONE = new Percentiles(Double.NaN, Double.NaN, Double.NaN);
    }

    /** One channel (or the total) of the timed run. */
    record Row(String channel, double sentPerSecond, double ackedPerSecond, long acked, Percentiles toAck,
               long offered, Percentiles toOffer, long errors) {
    }

    /** Accepted by an agent within {@code seconds} of arrival, of all acknowledged contacts. */
    record ServiceLevel(int seconds, long acknowledged, long accepted, long acceptedInTime) {
        double share() {
            return acknowledged == 0 ? Double.NaN : (double) acceptedInTime / acknowledged;
        }
    }

    /** The saturation probes through the same client; absent when skipped. */
    record Capacity(double bareRequestsPerSecond, double appAckedPerSecond, long appFailed, int connections) {
        double ratio() {
            return bareRequestsPerSecond == 0 ? Double.NaN : appAckedPerSecond / bareRequestsPerSecond;
        }
    }
}
