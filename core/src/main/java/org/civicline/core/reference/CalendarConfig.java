package org.civicline.core.reference;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.civicline.core.model.Priority;
import org.civicline.core.time.TimeLimit;
import org.civicline.core.time.TimeLimitPolicy;
import org.civicline.core.time.WorkingCalendar;

/**
 * The working calendar and the time limit policy, loaded from {@code reference/calendar.yaml}: zone, weekend days,
 * working periods, public holidays with their make-up working days (调休上班), the fallback limit for cases with no
 * category, and the priority caps.
 */
public final class CalendarConfig {

    /** The shape of calendar.yaml. */
    public record File(String zone, List<String> weekend, List<PeriodSpec> workingPeriods, List<HolidaySpec> holidays,
                       TimeLimitSpec fallbackLimit, Map<String, TimeLimitSpec> priorityCaps) {
    }

    /** A working period as written, {@code { start: "09:00", end: "12:00" }}. */
    public record PeriodSpec(String start, String end) {
    }

    /** A public holiday as written: {@code from}–{@code to} inclusive, with its make-up working days. */
    public record HolidaySpec(String name, String nameEn, String from, String to, List<String> makeUpWorkdays) {
    }

    /** A public holiday: days off {@code from}–{@code to} inclusive, and the weekend days worked instead. */
    public record Holiday(String name, String nameEn, LocalDate from, LocalDate to, List<LocalDate> makeUpWorkdays) {
        public Holiday {
            makeUpWorkdays = List.copyOf(makeUpWorkdays);
        }

        public boolean contains(LocalDate date) {
            return !date.isBefore(from) && !date.isAfter(to);
        }
    }

    /** The default weekend when the file leaves it out. */
    public static final Set<DayOfWeek> DEFAULT_WEEKEND = EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);

    /** The default working periods when the file leaves them out: 09:00–12:00 and 13:00–18:00. */
    public static final List<WorkingCalendar.Period> DEFAULT_PERIODS = List.of(
            new WorkingCalendar.Period(LocalTime.of(9, 0), LocalTime.of(12, 0)),
            new WorkingCalendar.Period(LocalTime.of(13, 0), LocalTime.of(18, 0)));

    private static final String DAYS = Arrays.stream(DayOfWeek.values()).map(Enum::name).collect(Collectors.joining(", "));
    private static final String PRIORITIES = Arrays.stream(Priority.values()).map(Enum::name).collect(Collectors.joining(", "));

    private final WorkingCalendar calendar;
    private final TimeLimitPolicy policy;
    private final List<Holiday> holidays;
    private final TimeLimit fallbackLimit;
    private final Map<Priority, TimeLimit> priorityCaps;

    private CalendarConfig(WorkingCalendar calendar, List<Holiday> holidays, TimeLimit fallbackLimit,
                           Map<Priority, TimeLimit> priorityCaps) {
        this.calendar = calendar;
        this.holidays = List.copyOf(holidays);
        this.fallbackLimit = fallbackLimit;
        this.priorityCaps = priorityCaps.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(priorityCaps));
        this.policy = new TimeLimitPolicy(calendar, fallbackLimit, priorityCaps);
    }

    /** Loads and checks {@code file} (normally {@code <config>/reference/calendar.yaml}). */
    public static CalendarConfig load(Path file) {
        return parse(YamlFiles.readText(file), file.toString());
    }

    /** Parses and checks a calendar document; {@code source} names it in error messages. */
    public static CalendarConfig parse(String yaml, String source) {
        return fromFile(YamlFiles.parse(yaml, source, File.class), source);
    }

    /** Checks {@code file} and builds the calendar and policy; every problem found is reported together. */
    public static CalendarConfig fromFile(File file, String source) {
        List<String> problems = new ArrayList<>();

        ZoneId zone = null;
        if (file.zone() == null || file.zone().isBlank()) {
            problems.add("zone is missing (a time zone id such as Asia/Shanghai)");
        } else {
            try {
                zone = ZoneId.of(file.zone().strip());
            } catch (DateTimeException e) {
                problems.add("zone '" + file.zone() + "' is not a time zone id (such as Asia/Shanghai)");
            }
        }

        Set<DayOfWeek> weekend = file.weekend() == null ? DEFAULT_WEEKEND : weekend(file.weekend(), problems);
        List<WorkingCalendar.Period> periods = file.workingPeriods() == null
                ? DEFAULT_PERIODS : periods(file.workingPeriods(), problems);
        List<Holiday> holidays = file.holidays() == null ? List.of() : holidays(file.holidays(), weekend, problems);

        TimeLimit fallback = null;
        if (file.fallbackLimit() == null) {
            problems.add("fallbackLimit is missing (the limit of a case with no category, e.g. "
                    + "{ amount: 5, unit: WORKING_DAYS })");
        } else {
            fallback = file.fallbackLimit().toTimeLimit("fallbackLimit", problems);
        }
        Map<Priority, TimeLimit> caps = caps(file.priorityCaps(), problems);

        WorkingCalendar calendar = null;
        if (problems.isEmpty()) {
            Set<LocalDate> off = new LinkedHashSet<>();
            Set<LocalDate> worked = new LinkedHashSet<>();
            for (Holiday holiday : holidays) {
                holiday.from().datesUntil(holiday.to().plusDays(1)).forEach(off::add);
                worked.addAll(holiday.makeUpWorkdays());
            }
            try {
                calendar = new WorkingCalendar(zone, weekend, off, worked, periods);
            } catch (IllegalArgumentException e) {
                problems.add("workingPeriods: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ReferenceDataException(source, problems);
        }
        return new CalendarConfig(calendar, holidays, fallback, caps);
    }

    private static Set<DayOfWeek> weekend(List<String> names, List<String> problems) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String name : names) {
            try {
                DayOfWeek day = DayOfWeek.valueOf(name == null ? "" : name.strip());
                if (!days.add(day)) {
                    problems.add("weekend: " + day + " is listed twice");
                }
            } catch (IllegalArgumentException e) {
                problems.add("weekend: '" + name + "' is not a day of the week; accepted: " + DAYS);
            }
        }
        if (days.size() == DayOfWeek.values().length) {
            problems.add("weekend: every day of the week is a weekend day, so only make-up days would be worked");
        }
        return days;
    }

    private static List<WorkingCalendar.Period> periods(List<PeriodSpec> specs, List<String> problems) {
        if (specs.isEmpty()) {
            problems.add("workingPeriods is empty: a working day needs at least one period, e.g. "
                    + "{ start: \"09:00\", end: \"12:00\" } (leave the key out for 09:00–12:00 and 13:00–18:00)");
        }
        List<WorkingCalendar.Period> periods = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            PeriodSpec spec = specs.get(i);
            String label = "working period #" + (i + 1);
            if (spec == null) {
                problems.add(label + " is empty");
                continue;
            }
            label += " (" + spec.start() + "–" + spec.end() + ")";
            LocalTime start = time(spec.start(), label + ": start", problems);
            LocalTime end = time(spec.end(), label + ": end", problems);
            if (start != null && end != null) {
                if (!start.isBefore(end)) {
                    problems.add(label + ": must end after it starts");
                } else {
                    periods.add(new WorkingCalendar.Period(start, end));
                }
            }
        }
        return periods;
    }

    private static LocalTime time(String text, String where, List<String> problems) {
        if (text == null || text.isBlank()) {
            problems.add(where + " is missing (HH:mm, e.g. \"09:00\")");
            return null;
        }
        try {
            return LocalTime.parse(text.strip());
        } catch (DateTimeParseException e) {
            problems.add(where + " '" + text + "' is not a time of day (HH:mm, e.g. \"09:00\")");
            return null;
        }
    }

    private static LocalDate date(String text, String where, List<String> problems) {
        if (text == null || text.isBlank()) {
            problems.add(where + " is missing (yyyy-MM-dd)");
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            problems.add(where + " '" + text + "' is not a date (yyyy-MM-dd, e.g. 2026-10-01)");
            return null;
        }
    }

    private static List<Holiday> holidays(List<HolidaySpec> specs, Set<DayOfWeek> weekend, List<String> problems) {
        List<Holiday> holidays = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            HolidaySpec spec = specs.get(i);
            if (spec == null) {
                problems.add("holiday #" + (i + 1) + " is empty");
                continue;
            }
            String name = spec.name() == null || spec.name().isBlank() ? null : spec.name().strip();
            String label = "holiday #" + (i + 1) + (name == null ? "" : " (" + name + ")");
            if (name == null) {
                problems.add(label + ": name is missing");
            }
            LocalDate from = date(spec.from(), label + ": from", problems);
            LocalDate to = date(spec.to(), label + ": to", problems);
            if (from != null && to != null && to.isBefore(from)) {
                problems.add(label + ": to " + to + " is before from " + from);
                continue;
            }
            List<LocalDate> makeUp = new ArrayList<>();
            if (spec.makeUpWorkdays() != null) {
                for (String text : spec.makeUpWorkdays()) {
                    LocalDate day = date(text, label + ": make-up working day", problems);
                    if (day == null) {
                        continue;
                    }
                    if (!weekend.contains(day.getDayOfWeek())) {
                        problems.add(label + ": make-up working day " + day + " is a " + day.getDayOfWeek()
                                + ", a working day anyway; make-up days (调休上班) are weekend days");
                    } else if (makeUp.contains(day)) {
                        problems.add(label + ": make-up working day " + day + " is listed twice");
                    } else {
                        makeUp.add(day);
                    }
                }
            }
            if (name != null && from != null && to != null) {
                holidays.add(new Holiday(name, spec.nameEn(), from, to, makeUp));
            }
        }
        // Across holidays: days off must not overlap, and a make-up working day must not be a day off.
        for (int i = 0; i < holidays.size(); i++) {
            Holiday a = holidays.get(i);
            for (int j = i + 1; j < holidays.size(); j++) {
                Holiday b = holidays.get(j);
                if (!a.to().isBefore(b.from()) && !b.to().isBefore(a.from())) {
                    problems.add("holiday " + b.name() + " (" + b.from() + "–" + b.to() + ") overlaps holiday "
                            + a.name() + " (" + a.from() + "–" + a.to() + ")");
                }
            }
        }
        Map<LocalDate, String> makeUpOwner = new HashMap<>();
        for (Holiday holiday : holidays) {
            for (LocalDate day : holiday.makeUpWorkdays()) {
                for (Holiday other : holidays) {
                    if (other.contains(day)) {
                        problems.add("holiday " + holiday.name() + ": make-up working day " + day
                                + " falls within holiday " + other.name() + " (" + other.from() + "–" + other.to() + ")");
                    }
                }
                String first = makeUpOwner.putIfAbsent(day, holiday.name());
                if (first != null && !first.equals(holiday.name())) {
                    problems.add("holiday " + holiday.name() + ": make-up working day " + day
                            + " is already listed under holiday " + first);
                }
            }
        }
        return holidays;
    }

    private static Map<Priority, TimeLimit> caps(Map<String, TimeLimitSpec> specs, List<String> problems) {
        Map<Priority, TimeLimit> caps = new EnumMap<>(Priority.class);
        if (specs == null) {
            return caps;
        }
        for (Map.Entry<String, TimeLimitSpec> entry : specs.entrySet()) {
            Priority priority;
            try {
                priority = Priority.valueOf(entry.getKey().strip());
            } catch (IllegalArgumentException e) {
                problems.add("priorityCaps: unknown priority '" + entry.getKey() + "'; accepted: " + PRIORITIES);
                continue;
            }
            String where = "priorityCaps." + priority;
            if (entry.getValue() == null) {
                problems.add(where + ": the cap is missing, e.g. { amount: 24, unit: CALENDAR_HOURS }");
                continue;
            }
            TimeLimit cap = entry.getValue().toTimeLimit(where, problems);
            if (cap != null) {
                caps.put(priority, cap);
            }
        }
        return caps;
    }

    public WorkingCalendar calendar() {
        return calendar;
    }

    /** The category limit cut short by the priority caps, counted in {@link #calendar()}. */
    public TimeLimitPolicy policy() {
        return policy;
    }

    /** The public holidays, in file order. */
    public List<Holiday> holidays() {
        return holidays;
    }

    /** The limit of a case that has no category. */
    public TimeLimit fallbackLimit() {
        return fallbackLimit;
    }

    /** The cap per priority; a priority not in the map keeps its category's limit. */
    public Map<Priority, TimeLimit> priorityCaps() {
        return priorityCaps;
    }
}
