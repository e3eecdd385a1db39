package org.civicline.core.time;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which hours are working hours: working periods on working days, minus weekends and public holidays, plus the
 * make-up working days (调休上班) that fall on weekends.
 */
public final class WorkingCalendar {

    /** A working period within a day, e.g. 09:00–12:00. */
    public record Period(LocalTime start, LocalTime end) {
        public Period {
            if (!start.isBefore(end)) {
                throw new IllegalArgumentException("a working period must end after it starts: " + start + "–" + end);
            }
        }

        Duration length() {
            return Duration.between(start, end);
        }
    }

    private final ZoneId zone;
    private final Set<DayOfWeek> weekend;
    private final Set<LocalDate> holidays;
    private final Set<LocalDate> workingWeekendDays;
    private final List<Period> periods;
    private final Duration workingDay;

    public WorkingCalendar(ZoneId zone, Set<DayOfWeek> weekend, Set<LocalDate> holidays,
                           Set<LocalDate> workingWeekendDays, List<Period> periods) {
        if (periods.isEmpty()) {
            throw new IllegalArgumentException("a working calendar needs at least one working period");
        }
        List<Period> sorted = periods.stream().sorted(Comparator.comparing(Period::start)).toList();
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).start().isBefore(sorted.get(i - 1).end())) {
                throw new IllegalArgumentException("working periods overlap: " + sorted.get(i - 1) + " and " + sorted.get(i));
            }
        }
        this.zone = zone;
        this.weekend = weekend.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(weekend);
        this.holidays = Set.copyOf(holidays);
        this.workingWeekendDays = Set.copyOf(workingWeekendDays);
        this.periods = sorted;
        this.workingDay = sorted.stream().map(Period::length).reduce(Duration.ZERO, Duration::plus);
    }

    /** Monday to Friday, 09:00–12:00 and 13:00–18:00, no holidays. */
    public static WorkingCalendar standard(ZoneId zone) {
        return new WorkingCalendar(zone, EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), Set.of(), Set.of(),
                List.of(new Period(LocalTime.of(9, 0), LocalTime.of(12, 0)),
                        new Period(LocalTime.of(13, 0), LocalTime.of(18, 0))));
    }

    public ZoneId zone() {
        return zone;
    }

    public Duration workingDayLength() {
        return workingDay;
    }

    public boolean isWorkingDay(LocalDate date) {
        if (holidays.contains(date)) {
            return false;
        }
        return workingWeekendDays.contains(date) || !weekend.contains(date.getDayOfWeek());
    }

    /** When {@code limit} runs out if counting starts at {@code start}. */
    public Instant deadline(Instant start, TimeLimit limit) {
        return switch (limit.unit()) {
            case CALENDAR_HOURS -> start.plus(Duration.ofHours(limit.amount()));
            case WORKING_HOURS -> addWorkingTime(start, Duration.ofHours(limit.amount()));
            case WORKING_DAYS -> addWorkingTime(start, workingDay.multipliedBy(limit.amount()));
        };
    }

    /** Adds working time; counting that starts outside working hours starts at the next working period. */
    public Instant addWorkingTime(Instant start, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("cannot add negative working time " + amount);
        }
        ZonedDateTime cursor = start.atZone(zone);
        Duration left = amount;
        // Bounded: a calendar with no working day for ten years is a configuration error, not a loop forever.
        for (int day = 0; day < 3660; day++) {
            LocalDate date = cursor.toLocalDate();
            if (isWorkingDay(date)) {
                for (Period period : periods) {
                    ZonedDateTime periodStart = date.atTime(period.start()).atZone(zone);
                    ZonedDateTime periodEnd = date.atTime(period.end()).atZone(zone);
                    if (!cursor.isBefore(periodEnd)) {
                        continue;
                    }
                    ZonedDateTime from = cursor.isAfter(periodStart) ? cursor : periodStart;
                    Duration available = Duration.between(from, periodEnd);
                    if (left.compareTo(available) <= 0) {
                        return from.plus(left).toInstant();
                    }
                    left = left.minus(available);
                    cursor = periodEnd;
                }
            }
            cursor = date.plusDays(1).atStartOfDay(zone);
        }
        throw new IllegalStateException("the working calendar has no working time in the next ten years");
    }

    /** Working time between two instants (zero when {@code to} is not after {@code from}). */
    public Duration workingTimeBetween(Instant from, Instant to) {
        Duration total = Duration.ZERO;
        LocalDate date = from.atZone(zone).toLocalDate();
        LocalDate last = to.atZone(zone).toLocalDate();
        for (; !date.isAfter(last); date = date.plusDays(1)) {
            if (!isWorkingDay(date)) {
                continue;
            }
            for (Period period : periods) {
                Instant ps = date.atTime(period.start()).atZone(zone).toInstant();
                Instant pe = date.atTime(period.end()).atZone(zone).toInstant();
                Instant s = ps.isAfter(from) ? ps : from;
                Instant e = pe.isBefore(to) ? pe : to;
                if (e.isAfter(s)) {
                    total = total.plus(Duration.between(s, e));
                }
            }
        }
        return total;
    }
}
