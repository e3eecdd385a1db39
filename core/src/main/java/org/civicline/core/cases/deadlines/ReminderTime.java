package org.civicline.core.cases.deadlines;

import java.time.Duration;
import java.time.Instant;
import org.civicline.core.model.Category;
import org.civicline.core.time.TimeLimit;
import org.civicline.core.time.WorkingCalendar;

/**
 * When the reminder (催办) of a step is due: at {@code share} of its time limit, counted on the same clock as the
 * limit — working time for working-day limits, the wall clock for limits in calendar hours (outages, hazards) and
 * for limits cut short by a priority cap.
 */
public final class ReminderTime {
    private final WorkingCalendar calendar;
    private final double share;

    public ReminderTime(WorkingCalendar calendar, double share) {
        this.calendar = calendar;
        this.share = share;
    }

    public Instant of(Instant start, Instant deadline, Category category) {
        if (!deadline.isAfter(start)) {
            return deadline;
        }
        TimeLimit limit = category == null ? null : category.timeLimit();
        boolean wallClock = limit != null && (limit.unit() == TimeLimit.Unit.CALENDAR_HOURS
                || deadline.isBefore(calendar.deadline(start, limit)));
        Duration working = calendar.workingTimeBetween(start, deadline);
        if (wallClock || working.isZero()) {
            return start.plus(scaled(Duration.between(start, deadline)));
        }
        return calendar.addWorkingTime(start, scaled(working));
    }

    private Duration scaled(Duration whole) {
        return Duration.ofSeconds(Math.round(whole.toSeconds() * share));
    }
}
