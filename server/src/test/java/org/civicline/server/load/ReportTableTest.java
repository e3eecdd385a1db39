package org.civicline.server.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTableTest {
    private static final LoadReport.Row APP = new LoadReport.Row("app", 400.25, 399.5, 11_985,
            new LoadReport.Percentiles(1.234, 8.5, 45.678), 11_980, new LoadReport.Percentiles(2.5, 14.25, 1234.5), 3);
    private static final LoadReport.Row CALL = new LoadReport.Row("call", 10, 0, 0, LoadReport.Percentiles.NONE, 0,
            LoadReport.Percentiles.NONE, 300);

    private static LoadReport report(LostCheck.Outcome lost, LoadReport.Capacity capacity) {
        return new LoadReport("poisson", 1000, 30, 60, List.of(APP, CALL),
                new LoadReport.Row("total", 410.25, 399.5, 11_985, new LoadReport.Percentiles(1.234, 8.5, 45.678),
                        11_980, new LoadReport.Percentiles(2.5, 14.25, 1234.5), 303),
                new LoadReport.Percentiles(0.125, 3.5, 21.25),
                Map.of("app: http 503", 3L, "call: ami unreachable", 300L), Map.of(),
                new LoadReport.ServiceLevel(20, 11_985, 11_900, 11_800), capacity, lost);
    }

    @Test
    void aRowShowsRatesCountsAndPercentilesInMilliseconds() {
        String table = ReportTable.render(report(null, null));
        assertThat(table).contains("poisson arrivals at 1,000.0 contacts/s for 30 s, 60 agents");
        assertThat(table.lines().filter(l -> l.startsWith("app ")).findFirst().orElseThrow())
                .containsSubsequence("400.3", "399.5", "11,985", "1.23", "8.50", "45.7", "11,980", "2.50", "14.3",
                        "1,235", "3");
    }

    @Test
    void aChannelWithoutSamplesShowsDashesNotZeros() {
        String call = ReportTable.render(report(null, null)).lines().filter(l -> l.startsWith("call "))
                .findFirst().orElseThrow();
        assertThat(call.split("\\|")[1]).contains("-").doesNotContain("0.00");
        assertThat(call).endsWith("300");
    }

    @Test
    void errorsServiceLevelCapacityAndLostAreSpelledOut() {
        String table = ReportTable.render(report(new LostCheck.Outcome(12_500, 12_498, 2, 1, 0, 0,
                List.of("app load-1", "app load-2"), "cl:contact:*"), new LoadReport.Capacity(30_000, 13_500, 0, 64)));
        assertThat(table).contains("errors: app: http 503 ×3, call: ami unreachable ×300");
        assertThat(table).contains("load tool's own lag").contains("p50 0.13, p99 3.50, p99.9 21.3 ms");
        assertThat(table).contains("service level: 98.5 % accepted by an agent within 20 s (11,800 of 11,985");
        assertThat(table).contains("bare Vert.x JSON POST 30,000 req/s; durable app submissions acknowledged "
                + "13,500/s = 45.0 % of bare");
        assertThat(table).contains("lost: 2 of 12,500 acknowledged").contains("e.g. app load-1, app load-2");
    }

    @Test
    void aRunWithoutRedisSaysTheLostCheckWasNotDone() {
        assertThat(ReportTable.render(report(null, null))).contains("lost: NOT CHECKED");
    }

    @Test
    void columnsLineUpWhateverTheNumbers() {
        List<String> lines = ReportTable.render(report(null, null)).lines()
                .filter(l -> l.contains("|")).toList();
        assertThat(lines).hasSizeGreaterThanOrEqualTo(5);
        int firstBar = lines.get(0).indexOf('|');
        assertThat(lines).allSatisfy(l -> assertThat(l.indexOf('|')).isEqualTo(firstBar));
    }
}
