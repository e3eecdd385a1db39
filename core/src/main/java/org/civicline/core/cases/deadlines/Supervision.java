package org.civicline.core.cases.deadlines;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.civicline.core.cases.CaseScan;
import org.civicline.core.cases.log.LogTag;
import org.civicline.core.time.WorkingCalendar;
import org.civicline.core.workflow.Case;
import org.civicline.core.workflow.CaseState;

/** The supervisor's list (督办): running steps past their time limit, most overdue first. */
public final class Supervision {

    /**
     * One case under supervision: handling past its limit (HANDLING, {@code overdueWorkingMinutes} counts working
     * time only), or feedback not verified in time (VERIFICATION).
     */
    public record Entry(String number, String why, String categoryCode, String assignee, CaseState state,
                        Instant deadline, long overdueWorkingMinutes, long reminders, long supervisions) {
    }

    private final CaseScan scan;
    private final WorkingCalendar calendar;
    private final Clock clock;

    public Supervision(CaseScan scan, WorkingCalendar calendar, Clock clock) {
        this.scan = scan;
        this.calendar = calendar;
        this.clock = clock;
    }

    public Future<List<Entry>> list() {
        Instant now = clock.instant();
        return scan.open(null).map(cases -> cases.stream()
                .filter(c -> handlingOverdue(c, now) || verificationOverdue(c))
                .map(c -> new Entry(c.number(), handlingOverdue(c, now) ? "HANDLING" : "VERIFICATION",
                        c.categoryCode(), c.assignee(), c.state(), c.deadline(),
                        c.deadline() == null ? 0 : overdue(c.deadline(), now).toMinutes(), count(c, LogTag.REMINDER),
                        count(c, LogTag.SUPERVISION)))
                .sorted(Comparator.comparing(Entry::deadline, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList());
    }

    private static boolean handlingOverdue(Case c, Instant now) {
        return HandlingStep.isRunning(c)
                && (!c.deadline().isAfter(now) || HandlingStep.loggedSinceDeadline(c, LogTag.SUPERVISION));
    }

    private static boolean verificationOverdue(Case c) {
        return c.state() == CaseState.FEEDBACK && HandlingStep.enteredCurrentState(c)
                .filter(fed -> HandlingStep.loggedSince(c, fed.sequence(), LogTag.VERIFICATION_OVERDUE)).isPresent();
    }

    private Duration overdue(Instant deadline, Instant now) {
        return calendar.workingTimeBetween(deadline, now);
    }

    private static long count(Case c, LogTag tag) {
        return c.log().stream().filter(tag::marks).count();
    }
}
