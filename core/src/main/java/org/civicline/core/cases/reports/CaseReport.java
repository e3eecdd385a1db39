package org.civicline.core.cases.reports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.civicline.core.cases.deadlines.HandlingStep;
import org.civicline.core.cases.followup.SurveyAnswer;
import org.civicline.core.cases.log.LogTag;
import org.civicline.core.workflow.Case;
import org.civicline.core.workflow.CaseEvent;
import org.civicline.core.workflow.CaseState;

/**
 * Case figures for a period, per department, category or grid, read from the cases' logs: each figure counts what
 * happened inside the period. Per department, a step counts for the department that held the case when it
 * happened, so a return counts against the department that returned it and a reopening against the one that
 * handled the case.
 */
public final class CaseReport {

    /** What rows are grouped by. */
    public enum GroupBy { DEPARTMENT, CATEGORY, GRID }

    /** Who holds a case before anyone was dispatched, or after a return. */
    static final String HOTLINE = "热线";

    private final Function<String, String> categoryNames;

    public CaseReport(Function<String, String> categoryNames) {
        this.categoryNames = categoryNames;
    }

    public List<ReportRow> build(List<Case> cases, Period.Range range, GroupBy by, Instant now) {
        Map<String, Tally> groups = new TreeMap<>();
        Tally total = new Tally();
        for (Case c : cases) {
            String caseKey = switch (by) {
                case DEPARTMENT -> lastDepartment(c);
                case CATEGORY -> c.categoryCode() == null ? "未分类" : c.categoryCode();
                case GRID -> c.details().gridCode() == null ? "无网格" : c.details().gridCode();
            };
            if (range.contains(c.details().createdAt())) {
                groups.computeIfAbsent(caseKey, k -> new Tally()).received++;
                total.received++;
            }
            String holder = HOTLINE;
            Instant deadline = null;
            for (CaseEvent e : c.log()) {
                if (e.to() == CaseState.DISPATCHED && e.assignee() != null) {
                    holder = e.assignee();
                }
                if (range.contains(e.at())) {
                    String key = by == GroupBy.DEPARTMENT ? holder : caseKey;
                    Tally group = groups.computeIfAbsent(key, k -> new Tally());
                    group.count(e, deadline);
                    total.count(e, deadline);
                }
                if (e.deadline() != null) {
                    deadline = e.deadline();
                }
            }
            Instant end = range.to().isBefore(now) ? range.to() : now;
            if (HandlingStep.isRunning(c) && c.deadline().isBefore(end) && !c.deadline().isBefore(range.from())) {
                groups.computeIfAbsent(caseKey, k -> new Tally()).overdue++;
                total.overdue++;
            }
        }
        List<ReportRow> rows = new ArrayList<>();
        groups.forEach((key, tally) -> rows.add(tally.row(key, by == GroupBy.CATEGORY ? categoryNames.apply(key)
                : key)));
        rows.add(total.row("合计", "合计 total"));
        return rows;
    }

    /** The department that handled the case last: the assignee of its latest dispatch. */
    static String lastDepartment(Case c) {
        for (int i = c.log().size() - 1; i >= 0; i--) {
            CaseEvent e = c.log().get(i);
            if (e.to() == CaseState.DISPATCHED && e.assignee() != null) {
                return e.assignee();
            }
        }
        return HOTLINE;
    }

    /** Running counts for one group. */
    private static final class Tally {
        int received;
        int closed;
        int handled;
        int handledOnTime;
        int overdue;
        int returned;
        int reopened;
        int resolvedOnContact;
        int evaluations;
        int satisfied;
        int satisfactionSum;
        int followUps;
        int followUpsReached;

        /** One log entry inside the period; {@code deadline} is the limit running before it. */
        void count(CaseEvent e, Instant deadline) {
            if (LogTag.FOLLOW_UP_SENT.marks(e) || LogTag.FOLLOW_UP_CALLBACK.marks(e)) {
                followUps++;
            }
            if (e.from() == e.to()) {
                return;
            }
            switch (e.to()) {
                case CLOSED -> closed++;
                case RESOLVED_ON_CONTACT -> {
                    closed++;
                    resolvedOnContact++;
                    handled++;
                    handledOnTime++;
                }
                case FEEDBACK -> {
                    handled++;
                    if (deadline == null || !e.at().isAfter(deadline)) {
                        handledOnTime++;
                    } else {
                        overdue++;
                    }
                }
                case RETURNED -> returned++;
                case REOPENED -> reopened++;
                case EVALUATED -> evaluate(e);
                default -> { }
            }
        }

        private void evaluate(CaseEvent e) {
            SurveyAnswer answer = SurveyAnswer.parse(e.reason(), e.note());
            if (answer == null) {
                return;
            }
            evaluations++;
            followUpsReached++;
            satisfactionSum += answer.satisfaction();
            if (answer.satisfaction() >= 4) {
                satisfied++;
            }
        }

        ReportRow row(String key, String name) {
            return new ReportRow(key, name, received, closed, handled, handledOnTime, rate(handledOnTime, handled),
                    overdue, returned, reopened, resolvedOnContact, rate(resolvedOnContact, received), evaluations,
                    evaluations == 0 ? null : (double) satisfactionSum / evaluations, rate(satisfied, evaluations),
                    followUps, followUpsReached, rate(followUpsReached, followUps));
        }

        private static Double rate(int part, int whole) {
            return whole == 0 ? null : Math.min(1.0, (double) part / whole);
        }
    }
}
