package org.civicline.core.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.civicline.core.model.Category;
import org.civicline.core.model.Priority;
import org.civicline.core.time.TimeLimit;
import org.civicline.core.time.TimeLimitPolicy;
import org.civicline.core.time.WorkingCalendar;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalendarConfigTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    @Nested
    class TheRealCalendar {
        private final CalendarConfig config = CalendarConfig.load(TestConfig.dir().resolve(ReferenceData.CALENDAR_FILE));
        private final WorkingCalendar calendar = config.calendar();

        @Test
        void shape() {
            assertThat(calendar.zone()).isEqualTo(SHANGHAI);
            assertThat(calendar.workingDayLength()).isEqualTo(Duration.ofHours(8));
            assertThat(config.holidays()).extracting(CalendarConfig.Holiday::name)
                    .containsExactly("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节");
            assertThat(config.fallbackLimit()).isEqualTo(TimeLimit.workingDays(5));
            assertThat(config.priorityCaps()).containsOnly(
                    org.assertj.core.api.Assertions.entry(Priority.EMERGENCY, TimeLimit.calendarHours(2)),
                    org.assertj.core.api.Assertions.entry(Priority.URGENT, TimeLimit.calendarHours(24)));
            assertThat(config.policy().calendar()).isSameAs(calendar);
        }

        @Test
        void the2026Holidays() {
            // Holidays on weekdays are off; make-up weekend days are worked.
            assertThat(calendar.isWorkingDay(LocalDate.of(2026, 1, 1))).isFalse();   // 元旦, Thursday
            assertThat(calendar.isWorkingDay(LocalDate.of(2026, 1, 2))).isFalse();
            assertThat(calendar.isWorkingDay(LocalDate.of(2026, 1, 4))).isTrue();    // Sunday, worked
            assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 14))).isTrue();   // Saturday, worked
            assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 16))).isFalse();  // 春节, Monday
            assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 23))).isFalse();  // 春节, Monday
            assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 24))).isTrue();
            assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 28))).isTrue();   // Saturday, worked
            assertThat(calendar.isWorkingDay(LocalDate.of(2026, 4, 6))).isFalse();   // 清明, Monday
            assertThat(calendar.isWorkingDay(LocalDate.of(2026, 5, 5))).isFalse();   // 劳动节, Tuesday
            assertThat(calendar.isWorkingDay(LocalDate.of(2026, 5, 9))).isTrue();    // Saturday, worked
            assertThat(calendar.isWorkingDay(LocalDate.of(2026, 6, 19))).isFalse();  // 端午, Friday
            assertThat(calendar.isWorkingDay(LocalDate.of(2026, 9, 25))).isFalse();  // 中秋, Friday
            assertThat(calendar.isWorkingDay(LocalDate.of(2026, 9, 20))).isTrue();   // Sunday, worked
            for (int day = 1; day <= 7; day++) {
                assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, day))).as("October %d", day).isFalse();
            }
            assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 8))).isTrue();
            assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 10))).isTrue();  // Saturday, worked
            assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 11))).isFalse(); // Sunday
            // Every make-up day of the file is a weekend day, every holiday day is off.
            for (CalendarConfig.Holiday holiday : config.holidays()) {
                holiday.from().datesUntil(holiday.to().plusDays(1))
                        .forEach(d -> assertThat(calendar.isWorkingDay(d)).as("%s %s", holiday.name(), d).isFalse());
                assertThat(holiday.makeUpWorkdays()).allSatisfy(d -> {
                    assertThat(d.getDayOfWeek()).isIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
                    assertThat(calendar.isWorkingDay(d)).isTrue();
                });
            }
        }

        @Test
        void acrossAnOrdinaryWeekend() {
            // Friday 2026-03-13 16:00: 2h Friday, 6h Monday 09:00–12:00 + 13:00–16:00.
            assertThat(calendar.deadline(at("2026-03-13T16:00"), TimeLimit.workingDays(1))).isEqualTo(at("2026-03-16T16:00"));
            assertThat(calendar.deadline(at("2026-03-13T17:30"), TimeLimit.workingHours(2))).isEqualTo(at("2026-03-16T10:30"));
        }

        @Test
        void acrossNationalDay() {
            // Wed 2026-09-30 10:00, 5 working days = 40h: Sep 30 7h; Oct 1–7 off; Oct 8 8h (15), Oct 9 8h (23),
            // Sat Oct 10 make-up 8h (31), Sun Oct 11 off, Mon Oct 12 8h (39), Tue Oct 13 09:00–10:00.
            assertThat(calendar.deadline(at("2026-09-30T10:00"), TimeLimit.workingDays(5))).isEqualTo(at("2026-10-13T10:00"));
            // Mid-Autumn and National Day together, Thu Sep 24 17:00 + 10 working days = 80h: Sep 24 1h; Sep 25–27
            // off; Sep 28, 29, 30 (25); Oct 1–7 off; Oct 8, 9, 10 (49); Oct 12, 13, 14 (73); Oct 15 09:00–17:00 (80).
            assertThat(calendar.deadline(at("2026-09-24T17:00"), TimeLimit.workingDays(10))).isEqualTo(at("2026-10-15T17:00"));
            // A case taken on a holiday starts counting on the first working day after it.
            assertThat(calendar.deadline(at("2026-10-03T11:00"), TimeLimit.workingHours(4))).isEqualTo(at("2026-10-08T14:00"));
            // Friday before the make-up Saturday: the Saturday counts.
            assertThat(calendar.deadline(at("2026-10-09T17:00"), TimeLimit.workingHours(2))).isEqualTo(at("2026-10-10T10:00"));
            assertThat(calendar.workingTimeBetween(at("2026-09-30T09:00"), at("2026-10-08T18:00"))).isEqualTo(Duration.ofHours(16));
        }

        @Test
        void theMakeUpSundayBeforeNationalDay() {
            // Saturday 2026-09-19 is off, Sunday 2026-09-20 is worked.
            assertThat(calendar.deadline(at("2026-09-19T15:00"), TimeLimit.workingDays(1))).isEqualTo(at("2026-09-20T18:00"));
            assertThat(calendar.deadline(at("2026-09-19T15:00"), TimeLimit.workingHours(9))).isEqualTo(at("2026-09-21T10:00"));
        }

        @Test
        void calendarHoursRunThroughHolidays() {
            assertThat(calendar.deadline(at("2026-09-30T17:00"), TimeLimit.calendarHours(24))).isEqualTo(at("2026-10-01T17:00"));
        }

        @Test
        void priorityCapsCutTheCategoryLimit() {
            TimeLimitPolicy policy = config.policy();
            Category construction = new Category("0104", "违法建设", "01", TimeLimit.workingDays(15), "城管局");
            Category water = new Category("0108", "停水", "01", TimeLimit.calendarHours(24), "供水公司");
            Category quick = new Category("1303", "办事指南咨询", "13", TimeLimit.workingHours(1), "政务服务中心");
            Instant start = at("2026-09-30T10:00");

            // NORMAL and LOW have no cap: 15 working days = 120h from Sep 30 10:00: Sep 30 7h; Oct 8, 9, 10 (31);
            // Oct 12–16 (71); Oct 19–23 (111); Oct 26 (119); Oct 27 09:00–10:00 (120).
            assertThat(policy.deadline(start, construction, Priority.NORMAL)).isEqualTo(at("2026-10-27T10:00"));
            assertThat(policy.deadline(start, construction, Priority.LOW)).isEqualTo(at("2026-10-27T10:00"));
            // URGENT caps at 24 calendar hours, through the holiday; EMERGENCY at 2.
            assertThat(policy.deadline(start, construction, Priority.URGENT)).isEqualTo(at("2026-10-01T10:00"));
            assertThat(policy.deadline(start, construction, Priority.EMERGENCY)).isEqualTo(at("2026-09-30T12:00"));
            assertThat(policy.deadline(start, water, Priority.EMERGENCY)).isEqualTo(at("2026-09-30T12:00"));
            // A cap never lengthens a shorter category limit.
            assertThat(policy.deadline(start, water, Priority.URGENT)).isEqualTo(at("2026-10-01T10:00"));
            assertThat(policy.deadline(start, quick, Priority.URGENT)).isEqualTo(at("2026-09-30T11:00"));
            assertThat(policy.deadline(start, quick, Priority.EMERGENCY)).isEqualTo(at("2026-09-30T11:00"));
        }

        @Test
        void noCategoryTakesTheFallback() {
            TimeLimitPolicy policy = config.policy();
            assertThat(policy.deadline(at("2026-09-30T10:00"), null, Priority.NORMAL)).isEqualTo(at("2026-10-13T10:00"));
            assertThat(policy.deadline(at("2026-09-30T10:00"), null, Priority.URGENT)).isEqualTo(at("2026-10-01T10:00"));
            Category mainWithoutLimit = new Category("17", "通信邮政", null, null, null);
            assertThat(policy.deadline(at("2026-09-30T10:00"), mainWithoutLimit, Priority.NORMAL)).isEqualTo(at("2026-10-13T10:00"));
        }
    }

    @Nested
    class Defaults {
        @Test
        void weekendAndPeriodsDefaultToTheStandardWeek() {
            CalendarConfig config = CalendarConfig.parse("""
                    zone: Asia/Shanghai
                    fallbackLimit: { amount: 5, unit: WORKING_DAYS }
                    """, "calendar.yaml");
            assertThat(config.calendar().workingDayLength()).isEqualTo(Duration.ofHours(8));
            assertThat(config.calendar().isWorkingDay(LocalDate.of(2026, 10, 1))).isTrue();
            assertThat(config.calendar().isWorkingDay(LocalDate.of(2026, 10, 3))).isFalse();
            assertThat(config.calendar().deadline(at("2026-03-09T12:30"), TimeLimit.workingHours(1)))
                    .isEqualTo(at("2026-03-09T14:00"));
            assertThat(config.priorityCaps()).isEmpty();
            assertThat(config.holidays()).isEmpty();
        }

        @Test
        void otherPeriodsAndWeekend() {
            CalendarConfig config = CalendarConfig.parse("""
                    zone: Asia/Urumqi
                    weekend: [FRIDAY]
                    workingPeriods:
                      - { start: "10:00", end: "14:00" }
                      - { start: "15:30", end: "19:30" }
                    fallbackLimit: { amount: 3, unit: WORKING_HOURS }
                    """, "calendar.yaml");
            WorkingCalendar calendar = config.calendar();
            assertThat(calendar.zone()).isEqualTo(ZoneId.of("Asia/Urumqi"));
            assertThat(calendar.isWorkingDay(LocalDate.of(2026, 3, 13))).isFalse();
            assertThat(calendar.isWorkingDay(LocalDate.of(2026, 3, 14))).isTrue();
            Instant start = LocalDateTime.parse("2026-03-12T19:00").atZone(calendar.zone()).toInstant();
            assertThat(config.policy().deadline(start, null, Priority.NORMAL))
                    .isEqualTo(LocalDateTime.parse("2026-03-14T12:30").atZone(calendar.zone()).toInstant());
        }
    }

    @Nested
    class Validation {
        @TempDir
        Path dir;

        private static final String VALID_TAIL = """
                fallbackLimit: { amount: 5, unit: WORKING_DAYS }
                """;

        private ReferenceDataException failure(String yaml) throws IOException {
            Path file = dir.resolve("calendar.yaml");
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
            ReferenceDataException e = catchThrowableOfType(ReferenceDataException.class, () -> CalendarConfig.load(file));
            assertThat(e).as("loading should fail").isNotNull();
            assertThat(e.getMessage()).startsWith(file.toString() + ": ");
            return e;
        }

        @Test
        void badZone() throws IOException {
            assertThat(failure("zone: Asia/Beijing\n" + VALID_TAIL).problems())
                    .containsExactly("zone 'Asia/Beijing' is not a time zone id (such as Asia/Shanghai)");
            assertThat(failure(VALID_TAIL).problems())
                    .containsExactly("zone is missing (a time zone id such as Asia/Shanghai)");
        }

        @Test
        void badWeekendDay() throws IOException {
            assertThat(failure("zone: Asia/Shanghai\nweekend: [SATURDAY, SUNDAYY]\n" + VALID_TAIL).problems())
                    .containsExactly("weekend: 'SUNDAYY' is not a day of the week; accepted: "
                            + "MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY");
        }

        @Test
        void badTimes() throws IOException {
            ReferenceDataException e = failure("""
                    zone: Asia/Shanghai
                    workingPeriods:
                      - { start: "9am", end: "12:00" }
                      - { start: "13:00", end: "24:00" }
                      - { start: "19:00", end: "18:30" }
                      - { start: "20:00" }
                    """ + VALID_TAIL);
            assertThat(e.problems()).containsExactly(
                    "working period #1 (9am–12:00): start '9am' is not a time of day (HH:mm, e.g. \"09:00\")",
                    "working period #2 (13:00–24:00): end '24:00' is not a time of day (HH:mm, e.g. \"09:00\")",
                    "working period #3 (19:00–18:30): must end after it starts",
                    "working period #4 (20:00–null): end is missing (HH:mm, e.g. \"09:00\")");
        }

        @Test
        void overlappingPeriods() throws IOException {
            ReferenceDataException e = failure("""
                    zone: Asia/Shanghai
                    workingPeriods:
                      - { start: "09:00", end: "12:30" }
                      - { start: "12:00", end: "18:00" }
                    """ + VALID_TAIL);
            assertThat(e.problems()).singleElement().asString()
                    .startsWith("workingPeriods: working periods overlap")
                    .contains("09:00").contains("12:30").contains("12:00");
        }

        @Test
        void emptyPeriods() throws IOException {
            assertThat(failure("zone: Asia/Shanghai\nworkingPeriods: []\n" + VALID_TAIL).problems())
                    .singleElement().asString().startsWith("workingPeriods is empty");
        }

        @Test
        void badDates() throws IOException {
            ReferenceDataException e = failure("""
                    zone: Asia/Shanghai
                    holidays:
                      - { name: 春节, from: 2026-02-30, to: 2026-02-23, makeUpWorkdays: [2026-2-14] }
                      - { name: 国庆节, from: 2026-10-07, to: 2026-10-01 }
                      - { name: 元旦, to: 2026-01-03 }
                      - { from: 2026-05-01, to: 2026-05-05 }
                    """ + VALID_TAIL);
            assertThat(e.problems()).containsExactly(
                    "holiday #1 (春节): from '2026-02-30' is not a date (yyyy-MM-dd, e.g. 2026-10-01)",
                    "holiday #1 (春节): make-up working day '2026-2-14' is not a date (yyyy-MM-dd, e.g. 2026-10-01)",
                    "holiday #2 (国庆节): to 2026-10-01 is before from 2026-10-07",
                    "holiday #3 (元旦): from is missing (yyyy-MM-dd)",
                    "holiday #4: name is missing");
        }

        @Test
        void makeUpDaysMustBeWeekendDaysOutsideHolidays() throws IOException {
            ReferenceDataException e = failure("""
                    zone: Asia/Shanghai
                    holidays:
                      - { name: 国庆节, from: 2026-10-01, to: 2026-10-07, makeUpWorkdays: [2026-10-09, 2026-10-04] }
                      - { name: 中秋节, from: 2026-10-06, to: 2026-10-08 }
                    """ + VALID_TAIL);
            assertThat(e.problems()).containsExactly(
                    "holiday #1 (国庆节): make-up working day 2026-10-09 is a FRIDAY, a working day anyway; "
                            + "make-up days (调休上班) are weekend days",
                    "holiday 中秋节 (2026-10-06–2026-10-08) overlaps holiday 国庆节 (2026-10-01–2026-10-07)",
                    "holiday 国庆节: make-up working day 2026-10-04 falls within holiday 国庆节 (2026-10-01–2026-10-07)");
        }

        @Test
        void badPrioritiesAndCaps() throws IOException {
            ReferenceDataException e = failure("""
                    zone: Asia/Shanghai
                    fallbackLimit: { amount: 5, unit: WORKDAYS }
                    priorityCaps:
                      CRITICAL: { amount: 1, unit: CALENDAR_HOURS }
                      URGENT: { amount: -24, unit: CALENDAR_HOURS }
                    """);
            assertThat(e.problems()).containsExactly(
                    "fallbackLimit: unknown unit 'WORKDAYS'; accepted units: CALENDAR_HOURS, WORKING_HOURS, WORKING_DAYS",
                    "priorityCaps: unknown priority 'CRITICAL'; accepted: EMERGENCY, URGENT, NORMAL, LOW",
                    "priorityCaps.URGENT: amount must be greater than 0, got -24");
        }

        @Test
        void missingFallback() throws IOException {
            assertThat(failure("zone: Asia/Shanghai\n").problems()).singleElement().asString()
                    .startsWith("fallbackLimit is missing");
        }

        @Test
        void unknownField() throws IOException {
            assertThat(failure("zone: Asia/Shanghai\nholiday: []\n" + VALID_TAIL).problems()).singleElement().asString()
                    .isEqualTo("at holiday: unknown field 'holiday'; known fields: fallbackLimit, holidays, "
                            + "priorityCaps, weekend, workingPeriods, zone");
        }
    }
}
