package org.civicline.core.cases.reports;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/** A report period: the day, the week (Monday to Sunday) or the month containing a date, in the city's zone. */
public enum Period {
    DAY, WEEK, MONTH;

    /** [from, to) of the period containing {@code date}. */
    public record Range(LocalDate firstDay, LocalDate lastDay, Instant from, Instant to) {
        public boolean contains(Instant t) {
            return !t.isBefore(from) && t.isBefore(to);
        }
    }

    public Range containing(LocalDate date, ZoneId zone) {
        LocalDate first = switch (this) {
            case DAY -> date;
            case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> date.withDayOfMonth(1);
        };
        LocalDate next = switch (this) {
            case DAY -> first.plusDays(1);
            case WEEK -> first.plusWeeks(1);
            case MONTH -> first.plusMonths(1);
        };
        return new Range(first, next.minusDays(1), first.atStartOfDay(zone).toInstant(),
                next.atStartOfDay(zone).toInstant());
    }
}
