package org.civicline.server.load;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The report as plain text: one table per run plus the lines under it. */
final class ReportTable {
    private static final String ROW = "%-8s %9s %9s %8s | %7s %7s %7s | %8s | %7s %7s %7s | %6s%n";

    private ReportTable() {
    }

    static String render(LoadReport r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "CivicLine load run: %s arrivals at %s contacts/s for %d s, %d agents%n",
                r.arrivals(), number(r.targetRate(), 1), r.seconds(), r.agents()));
        out.append(String.format(Locale.ROOT, ROW, "", "sent", "acked", "acked", "arrival", "→ ack", "ms", "offered",
                "arrival", "→ offer", "ms", ""));
        out.append(String.format(Locale.ROOT, ROW, "channel", "/s", "/s", "", "p50", "p99", "p99.9", "", "p50", "p99",
                "p99.9", "errors"));
        out.append("-".repeat(112)).append('\n');
        r.rows().forEach(row -> out.append(row(row)));
        out.append("-".repeat(112)).append('\n');
        out.append(row(r.total()));
        out.append('\n');
        LoadReport.Percentiles lag = r.toolLag();
        out.append(String.format(Locale.ROOT, "load tool's own lag (scheduled arrival → sending started; part of "
                + "every latency above): p50 %s, p99 %s, p99.9 %s ms%n", ms(lag.p50()), ms(lag.p99()), ms(lag.p999())));
        out.append("errors: ").append(r.errors().isEmpty() ? "none" : list(r.errors())).append('\n');
        if (!r.agentErrors().isEmpty()) {
            out.append("agent desk errors: ").append(list(r.agentErrors())).append('\n');
        }
        LoadReport.ServiceLevel sl = r.serviceLevel();
        out.append(String.format(Locale.ROOT, "service level: %s accepted by an agent within %d s (%,d of %,d "
                        + "acknowledged; %,d accepted in all)%n", percent(sl.share()), sl.seconds(),
                sl.acceptedInTime(), sl.acknowledged(), sl.accepted()));
        LoadReport.Capacity c = r.capacity();
        if (c != null) {
            out.append(String.format(Locale.ROOT, "capacity (%d connections, same client): bare Vert.x JSON POST "
                            + "%s req/s; durable app submissions acknowledged %s/s = %s of bare%s%n", c.connections(),
                    number(c.bareRequestsPerSecond(), 0), number(c.appAckedPerSecond(), 0), percent(c.ratio()),
                    c.appFailed() > 0 ? " (" + c.appFailed() + " failed)" : ""));
        }
        LostCheck.Outcome lost = r.lost();
        if (lost == null) {
            out.append("lost: NOT CHECKED (give --redis)\n");
        } else {
            out.append(String.format(Locale.ROOT, "lost: %,d of %,d acknowledged (found %,d in %s; case numbers "
                            + "missing %,d; stored but not acknowledged %,d; stored twice %,d)%s%n", lost.lost(),
                    lost.acknowledged(), lost.found(), lost.where(), lost.casesMissing(), lost.storedWithoutAck(),
                    lost.storedTwice(), lost.examples().isEmpty() ? "" : " e.g. " + String.join(", ", lost.examples())));
        }
        return out.toString();
    }

    private static String row(LoadReport.Row row) {
        return String.format(Locale.ROOT, ROW, row.channel(), number(row.sentPerSecond(), 1),
                number(row.ackedPerSecond(), 1), String.format(Locale.ROOT, "%,d", row.acked()),
                ms(row.toAck().p50()), ms(row.toAck().p99()), ms(row.toAck().p999()),
                String.format(Locale.ROOT, "%,d", row.offered()), ms(row.toOffer().p50()), ms(row.toOffer().p99()),
                ms(row.toOffer().p999()), String.format(Locale.ROOT, "%,d", row.errors()));
    }

    private static String list(Map<String, Long> counts) {
        return new java.util.TreeMap<>(counts).entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "-";
        }
        return millis < 10 ? String.format(Locale.ROOT, "%.2f", millis)
                : millis < 1000 ? String.format(Locale.ROOT, "%.1f", millis)
                : String.format(Locale.ROOT, "%,.0f", millis);
    }

    private static String number(double value, int decimals) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.1f %%", share * 100);
    }
}
