package org.civicline.core.cases.reports;

import java.util.List;
import java.util.Locale;

/**
 * A report as CSV that Excel opens correctly: UTF-8 with a byte-order mark, CRLF lines, quoted fields, and cells that
 * would start a formula (=, +, -, @) prefixed with an apostrophe.
 */
public final class ReportCsv {
    public static final String BOM = "\uFEFF";
    private static final String HEADER = String.join(",", "分组 group", "名称 name", "受理 received", "办结 closed",
            "已反馈 handled", "按时反馈 handled on time", "按时办结率 on-time rate", "超期 overdue", "退回 returned",
            "重办 reopened", "直接办结 resolved on contact", "一次办结率 first-contact rate", "评价数 evaluations",
            "平均满意度 average satisfaction", "满意度 satisfaction rate", "回访数 follow-ups",
            "回访触达 reached", "回访触达率 reach rate");

    private ReportCsv() {
    }

    public static String write(List<ReportRow> rows) {
        StringBuilder csv = new StringBuilder(BOM).append(HEADER).append("\r\n");
        for (ReportRow r : rows) {
            csv.append(String.join(",", cell(r.group()), cell(r.groupName()), num(r.received()), num(r.closed()),
                    num(r.handled()), num(r.handledOnTime()), pct(r.onTimeRate()), num(r.overdue()),
                    num(r.returned()), num(r.reopened()), num(r.resolvedOnContact()), pct(r.firstContactRate()),
                    num(r.evaluations()), dec(r.averageSatisfaction()), pct(r.satisfactionRate()),
                    num(r.followUps()), num(r.followUpsReached()), pct(r.followUpReachRate()))).append("\r\n");
        }
        return csv.toString();
    }

    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String safe = value.isEmpty() || "=+-@\t\r".indexOf(value.charAt(0)) < 0 ? value : "'" + value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }

    private static String num(int n) {
        return Integer.toString(n);
    }

    private static String pct(Double rate) {
        return rate == null ? "" : String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

    private static String dec(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.2f", value);
    }
}
