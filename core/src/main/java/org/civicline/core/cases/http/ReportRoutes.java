package org.civicline.core.cases.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import org.civicline.core.cases.CaseHandling;
import org.civicline.core.cases.reports.CaseReport;
import org.civicline.core.cases.reports.Period;
import org.civicline.core.cases.reports.ReportCsv;

/**
 * {@code GET /api/reports?period=day|week|month&date=2026-11-23&by=department|category|grid&format=json|csv}.
 * The CSV carries a UTF-8 byte-order mark so that Excel shows the Chinese correctly.
 */
public final class ReportRoutes {
    private final CaseHandling cases;

    public ReportRoutes(CaseHandling cases) {
        this.cases = cases;
    }

    public void mount(Router router) {
        router.get("/api/reports").handler(this::report);
    }

    private void report(RoutingContext ctx) {
        Period period;
        CaseReport.GroupBy by;
        LocalDate date;
        try {
            period = Period.valueOf(param(ctx, "period", "day"));
        } catch (IllegalArgumentException e) {
            HttpReplies.invalid(ctx, "period", "must be one of day, week, month");
            return;
        }
        try {
            by = CaseReport.GroupBy.valueOf(param(ctx, "by", "department"));
        } catch (IllegalArgumentException e) {
            HttpReplies.invalid(ctx, "by", "must be one of " + Arrays.toString(CaseReport.GroupBy.values())
                    .toLowerCase(Locale.ROOT));
            return;
        }
        try {
            String given = ctx.queryParams().get("date");
            date = given == null ? LocalDate.now(cases.clock.withZone(cases.zone)) : LocalDate.parse(given);
        } catch (DateTimeParseException e) {
            HttpReplies.invalid(ctx, "date", "must look like 2026-11-23");
            return;
        }
        String format = param(ctx, "format", "json");
        if (!format.equals("JSON") && !format.equals("CSV")) {
            HttpReplies.invalid(ctx, "format", "must be json or csv");
            return;
        }
        Period.Range range = period.containing(date, cases.zone);
        // Every case something happened to in the period, however long ago it was opened.
        cases.scan.ofPeriod(range.from(), range.to()).map(all -> cases.reports.build(all, range, by,
                        cases.clock.instant()))
                .onSuccess(rows -> {
                    if (format.equals("CSV")) {
                        String name = "cases-" + by.name().toLowerCase(Locale.ROOT) + "-" + period.name()
                                .toLowerCase(Locale.ROOT) + "-" + range.firstDay() + ".csv";
                        ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
                                .putHeader("Content-Disposition", "attachment; filename=\"" + name + "\"")
                                .end(ReportCsv.write(rows));
                    } else {
                        HttpReplies.json(ctx, 200, java.util.Map.of("period", period, "from", range.firstDay(),
                                "to", range.lastDay(), "by", by, "rows", rows));
                    }
                })
                .onFailure(e -> HttpReplies.fail(ctx, e));
    }

    private static String param(RoutingContext ctx, String name, String fallback) {
        String value = ctx.queryParams().get(name);
        return (value == null || value.isBlank() ? fallback : value).toUpperCase(Locale.ROOT);
    }
}
