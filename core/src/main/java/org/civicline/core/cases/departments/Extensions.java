package org.civicline.core.cases.departments;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civicline.core.cases.Checks;
import org.civicline.core.cases.deadlines.HandlingStep;
import org.civicline.core.cases.log.CaseChanges;
import org.civicline.core.cases.log.LogTag;
import org.civicline.core.time.WorkingCalendar;
import org.civicline.core.workflow.Case;
import org.civicline.core.workflow.CaseEvent;
import org.civicline.core.workflow.IllegalTransitionException;

/**
 * Extension of a time limit (延期): the department asks with a reason, the hotline approves or refuses. An approved
 * extension moves the deadline by the working hours asked, and the reminders follow the new deadline.
 */
public final class Extensions {
    private static final Pattern ASKED = Pattern.compile("^延期 (\\d+) 个工作小时");
    static final int MAX_HOURS = 30 * 8;

    private final DepartmentWork work;
    private final CaseChanges changes;
    private final WorkingCalendar calendar;

    public Extensions(DepartmentWork work, CaseChanges changes, WorkingCalendar calendar) {
        this.work = work;
        this.changes = changes;
        this.calendar = calendar;
    }

    public Future<Case> request(String number, String department, Integer workingHours, String reason) {
        if (workingHours == null || workingHours < 1 || workingHours > MAX_HOURS) {
            throw Checks.invalid("workingHours", "must be a whole number of working hours from 1 to " + MAX_HOURS);
        }
        String why = Checks.text(reason, "reason", 1000);
        return work.own(number, department).compose(c -> {
            if (!HandlingStep.isRunning(c)) {
                return Future.failedFuture(new IllegalTransitionException(number, c.state(), c.state(),
                        "an extension can only be asked while the case is being handled"));
            }
            if (pending(c).isPresent()) {
                return Future.failedFuture(new IllegalTransitionException(number, c.state(), c.state(),
                        "an extension request is already waiting for a decision"));
            }
            return changes.note(c, LogTag.EXTENSION_REQUESTED, department,
                    "延期 " + workingHours + " 个工作小时：" + why, null);
        });
    }

    public Future<Case> decide(String number, String approver, Boolean approve, String comment) {
        String who = Checks.text(approver, "approver", 100);
        if (approve == null) {
            throw Checks.invalid("approve", "is required: true or false");
        }
        String note = Checks.optionalText(comment, "comment", 1000);
        return changes.get(number).compose(c -> {
            Optional<CaseEvent> asked = pending(c);
            if (asked.isEmpty() || !HandlingStep.isRunning(c)) {
                return Future.failedFuture(new IllegalTransitionException(number, c.state(), c.state(),
                        "no extension request is waiting for a decision"));
            }
            if (!approve) {
                return changes.note(c, LogTag.EXTENSION_REFUSED, who, note == null ? "不予延期" : note, null);
            }
            Instant moved = calendar.addWorkingTime(c.deadline(), Duration.ofHours(hours(asked.get())));
            return changes.note(c, LogTag.EXTENSION_APPROVED, who, note == null ? "同意延期" : note, moved);
        });
    }

    /** The request still waiting for a decision, if any. */
    public static Optional<CaseEvent> pending(Case c) {
        Optional<CaseEvent> waiting = Optional.empty();
        for (CaseEvent e : c.log()) {
            if (LogTag.EXTENSION_REQUESTED.marks(e)) {
                waiting = Optional.of(e);
            } else if (LogTag.EXTENSION_APPROVED.marks(e) || LogTag.EXTENSION_REFUSED.marks(e)
                    || e.from() != e.to()) {
                waiting = Optional.empty();
            }
        }
        return waiting;
    }

    private static long hours(CaseEvent request) {
        Matcher m = ASKED.matcher(request.note());
        if (!m.find()) {
            throw new IllegalStateException("extension request " + request.sequence() + " does not say how long");
        }
        return Long.parseLong(m.group(1));
    }
}
