package org.civicline.core.cases.deadlines;

import java.time.Instant;
import org.civicline.core.store.DueTimer;

/** What a due timer does when it fires. */
public enum TimerKind {
    /** 催办: the assignee is reminded at the configured share of the time limit. */
    REMINDER,
    /** 督办: the time limit ran out; the case goes on the supervision list and the department head is told. */
    OVERDUE,
    /** The department has not signed for (签收) the dispatched case within the accept limit. */
    ACCEPT,
    /** The hotline has not verified (核查) the feedback within the verification limit. */
    VERIFICATION,
    /** 回访: ask the resident whether the closed case was solved. */
    FOLLOW_UP;

    /** Event-bus address the timer driver listens on for "something was scheduled, look again". */
    public static final String WAKE = "civicline.timers.wake";

    /** One timer per case, kind and anchor: scheduling it again changes nothing. */
    public DueTimer timer(String caseNumber, Instant dueAt, Instant anchor) {
        return new DueTimer(caseNumber + "|" + name() + "|" + anchor.toEpochMilli(), caseNumber, name(), dueAt,
                anchor);
    }
}
