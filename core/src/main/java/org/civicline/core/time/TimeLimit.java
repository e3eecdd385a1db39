package org.civicline.core.time;

/** A time limit such as "5 working days" or "24 calendar hours". */
public record TimeLimit(int amount, Unit unit) {

    public enum Unit {
        CALENDAR_HOURS,
        WORKING_HOURS,
        /** Counted as this many full working days of working hours from the start. */
        WORKING_DAYS
    }

    public TimeLimit {
        if (amount <= 0) {
            throw new IllegalArgumentException("a time limit must be positive, got " + amount);
        }
        if (unit == null) {
            throw new IllegalArgumentException("a time limit needs a unit: " + java.util.Arrays.toString(Unit.values()));
        }
    }

    public static TimeLimit workingDays(int days) {
        return new TimeLimit(days, Unit.WORKING_DAYS);
    }

    public static TimeLimit workingHours(int hours) {
        return new TimeLimit(hours, Unit.WORKING_HOURS);
    }

    public static TimeLimit calendarHours(int hours) {
        return new TimeLimit(hours, Unit.CALENDAR_HOURS);
    }
}
