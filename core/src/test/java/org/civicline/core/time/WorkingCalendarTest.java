package org.civicline.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WorkingCalendarTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final WorkingCalendar STANDARD = WorkingCalendar.standard(SHANGHAI);

    // 2026-03-09 is a Monday; 2026-03-13 a Friday; 2026-03-14/15 the weekend.
    private static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    private static Instant plusWorking(String start, Duration amount) {
        return STANDARD.addWorkingTime(at(start), amount);
    }

    @Test
    void standardCalendarHasAnEightHourDay() {
        assertThat(STANDARD.workingDayLength()).isEqualTo(Duration.ofHours(8));
        assertThat(STANDARD.zone()).isEqualTo(SHANGHAI);
    }

    @Nested
    class StartOutsideWorkingHours {
        @Test
        void beforeOpeningCountsFromNine() {
            assertThat(plusWorking("2026-03-09T07:30", Duration.ofHours(1))).isEqualTo(at("2026-03-09T10:00"));
        }

        @Test
        void justAfterMidnightCountsFromNine() {
            assertThat(plusWorking("2026-03-09T00:00", Duration.ofMinutes(30))).isEqualTo(at("2026-03-09T09:30"));
        }

        @Test
        void afterClosingCountsFromNextMorning() {
            assertThat(plusWorking("2026-03-09T19:00", Duration.ofHours(1))).isEqualTo(at("2026-03-10T10:00"));
        }

        @Test
        void fridayEveningCountsFromMonday() {
            assertThat(plusWorking("2026-03-13T20:00", Duration.ofHours(2))).isEqualTo(at("2026-03-16T11:00"));
        }

        @Test
        void weekendCountsFromMonday() {
            assertThat(plusWorking("2026-03-14T10:00", Duration.ofHours(4))).isEqualTo(at("2026-03-16T14:00"));
        }

        @Test
        void zeroAmountOutsideHoursMovesToTheNextPeriod() {
            assertThat(plusWorking("2026-03-13T18:30", Duration.ZERO)).isEqualTo(at("2026-03-16T09:00"));
        }
    }

    @Nested
    class StartDuringLunch {
        @Test
        void countsFromOnePm() {
            assertThat(plusWorking("2026-03-09T12:30", Duration.ofHours(1))).isEqualTo(at("2026-03-09T14:00"));
        }

        @Test
        void runsOverIntoTheNextDay() {
            // 13:00–18:00 gives 5h, the sixth hour is 09:00–10:00 next day.
            assertThat(plusWorking("2026-03-09T12:15", Duration.ofHours(6))).isEqualTo(at("2026-03-10T10:00"));
        }
    }

    @Nested
    class PeriodBoundaries {
        @Test
        void endingExactlyAtNoonStaysAtNoon() {
            assertThat(plusWorking("2026-03-09T11:00", Duration.ofHours(1))).isEqualTo(at("2026-03-09T12:00"));
        }

        @Test
        void oneMinuteMoreSkipsLunch() {
            assertThat(plusWorking("2026-03-09T11:00", Duration.ofMinutes(61))).isEqualTo(at("2026-03-09T13:01"));
        }

        @Test
        void startingExactlyAtNoonCountsFromOnePm() {
            assertThat(plusWorking("2026-03-09T12:00", Duration.ofHours(1))).isEqualTo(at("2026-03-09T14:00"));
        }

        @Test
        void startingExactlyAtNineCountsFromNine() {
            assertThat(plusWorking("2026-03-09T09:00", Duration.ofHours(3))).isEqualTo(at("2026-03-09T12:00"));
        }

        @Test
        void startingExactlyAtOnePmCountsFromOnePm() {
            assertThat(plusWorking("2026-03-09T13:00", Duration.ofHours(5))).isEqualTo(at("2026-03-09T18:00"));
        }

        @Test
        void endingExactlyAtClosingStaysAtClosing() {
            assertThat(plusWorking("2026-03-09T17:00", Duration.ofHours(1))).isEqualTo(at("2026-03-09T18:00"));
        }

        @Test
        void startingExactlyAtClosingCountsFromNextMorning() {
            assertThat(plusWorking("2026-03-09T18:00", Duration.ofHours(1))).isEqualTo(at("2026-03-10T10:00"));
        }

        @Test
        void zeroAmountInsideHoursIsTheStart() {
            assertThat(plusWorking("2026-03-09T10:17", Duration.ZERO)).isEqualTo(at("2026-03-09T10:17"));
        }

        @Test
        void fullDayFromNineEndsAtSixTheSameDay() {
            assertThat(STANDARD.deadline(at("2026-03-09T09:00"), TimeLimit.workingDays(1)))
                    .isEqualTo(at("2026-03-09T18:00"));
        }
    }

    @Nested
    class Deadlines {
        @Test
        void workingDaysFromMidMorning() {
            assertThat(STANDARD.deadline(at("2026-03-09T10:00"), TimeLimit.workingDays(1)))
                    .isEqualTo(at("2026-03-10T10:00"));
            assertThat(STANDARD.deadline(at("2026-03-09T10:00"), TimeLimit.workingDays(5)))
                    .isEqualTo(at("2026-03-16T10:00"));
        }

        @Test
        void workingDaysSkipTheWeekend() {
            assertThat(STANDARD.deadline(at("2026-03-13T16:00"), TimeLimit.workingDays(1)))
                    .isEqualTo(at("2026-03-16T16:00"));
        }

        @Test
        void workingDaysFromTheWeekendCountWholeDays() {
            assertThat(STANDARD.deadline(at("2026-03-14T10:00"), TimeLimit.workingDays(1)))
                    .isEqualTo(at("2026-03-16T18:00"));
        }

        @Test
        void workingHoursSkipTheWeekend() {
            assertThat(STANDARD.deadline(at("2026-03-13T17:30"), TimeLimit.workingHours(2)))
                    .isEqualTo(at("2026-03-16T10:30"));
        }

        @Test
        void calendarHoursIgnoreWorkingHours() {
            assertThat(STANDARD.deadline(at("2026-03-13T17:00"), TimeLimit.calendarHours(24)))
                    .isEqualTo(at("2026-03-14T17:00"));
            assertThat(STANDARD.deadline(at("2026-03-14T23:00"), TimeLimit.calendarHours(2)))
                    .isEqualTo(at("2026-03-15T01:00"));
        }

        @Test
        void negativeWorkingTimeIsRefused() {
            assertThatThrownBy(() -> STANDARD.addWorkingTime(at("2026-03-09T10:00"), Duration.ofMinutes(-1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("negative");
        }

        @Test
        void aCalendarWithoutWorkingDaysGivesUpInsteadOfLoopingForever() {
            WorkingCalendar never = new WorkingCalendar(SHANGHAI, EnumSet.allOf(DayOfWeek.class), Set.of(), Set.of(),
                    List.of(new WorkingCalendar.Period(LocalTime.of(9, 0), LocalTime.of(17, 0))));
            assertThatThrownBy(() -> never.addWorkingTime(at("2026-03-09T10:00"), Duration.ofHours(1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no working time");
        }
    }

    @Nested
    class WorkingDays {
        private final LocalDate holiday = LocalDate.of(2026, 3, 11);   // a Wednesday
        private final LocalDate makeUp = LocalDate.of(2026, 3, 14);    // a Saturday
        private final LocalDate both = LocalDate.of(2026, 3, 15);      // a Sunday listed as both
        private final WorkingCalendar calendar = new WorkingCalendar(SHANGHAI,
                EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), Set.of(holiday, both), Set.of(makeUp, both),
                List.of(new WorkingCalendar.Period(LocalTime.of(9, 0), LocalTime.of(12, 0)),
                        new WorkingCalendar.Period(LocalTime.of(13, 0), LocalTime.of(18, 0))));

        @Test
        void weekdaysWorkWeekendsDoNot() {
            assertThat(STANDARD.isWorkingDay(LocalDate.of(2026, 3, 9))).isTrue();
            assertThat(STANDARD.isWorkingDay(LocalDate.of(2026, 3, 13))).isTrue();
            assertThat(STANDARD.isWorkingDay(LocalDate.of(2026, 3, 14))).isFalse();
            assertThat(STANDARD.isWorkingDay(LocalDate.of(2026, 3, 15))).isFalse();
        }

        @Test
        void holidaysAndMakeUpDays() {
            assertThat(calendar.isWorkingDay(holiday)).isFalse();
            assertThat(calendar.isWorkingDay(makeUp)).isTrue();
            assertThat(calendar.isWorkingDay(both)).as("a holiday wins over a make-up day").isFalse();
        }

        @Test
        void countingSkipsTheHolidayAndUsesTheMakeUpDay() {
            // Tue 17:00: 1h Tue, Wed is off, Thu 8h, Fri 8h, Sat (make-up) 8h → 25h end Saturday 18:00; Sunday is
            // off (holiday wins), so the 26th hour is Monday 09:00–10:00.
            Instant start = at("2026-03-10T17:00");
            assertThat(calendar.addWorkingTime(start, Duration.ofHours(9))).isEqualTo(at("2026-03-12T18:00"));
            assertThat(calendar.addWorkingTime(start, Duration.ofHours(25))).isEqualTo(at("2026-03-14T18:00"));
            assertThat(calendar.addWorkingTime(start, Duration.ofHours(26))).isEqualTo(at("2026-03-16T10:00"));
            assertThat(calendar.workingTimeBetween(start, at("2026-03-16T10:00"))).isEqualTo(Duration.ofHours(26));
        }

        @Test
        void aWeekWithoutAWeekend() {
            WorkingCalendar sevenDays = new WorkingCalendar(SHANGHAI, Set.of(), Set.of(), Set.of(),
                    List.of(new WorkingCalendar.Period(LocalTime.of(8, 0), LocalTime.of(20, 0))));
            assertThat(sevenDays.isWorkingDay(LocalDate.of(2026, 3, 15))).isTrue();
            assertThat(sevenDays.deadline(at("2026-03-13T19:00"), TimeLimit.workingDays(1)))
                    .isEqualTo(at("2026-03-14T19:00"));
        }
    }

    @Nested
    class WorkingTimeBetween {
        private Duration between(String from, String to) {
            return STANDARD.workingTimeBetween(at(from), at(to));
        }

        @Test
        void withinOnePeriod() {
            assertThat(between("2026-03-09T09:30", "2026-03-09T11:15")).isEqualTo(Duration.ofMinutes(105));
        }

        @Test
        void acrossLunch() {
            assertThat(between("2026-03-09T11:00", "2026-03-09T14:00")).isEqualTo(Duration.ofHours(2));
        }

        @Test
        void fromAndToOutsideHours() {
            assertThat(between("2026-03-09T07:00", "2026-03-09T20:00")).isEqualTo(Duration.ofHours(8));
            assertThat(between("2026-03-09T12:10", "2026-03-09T12:50")).isEqualTo(Duration.ZERO);
        }

        @Test
        void acrossTheWeekend() {
            assertThat(between("2026-03-13T17:00", "2026-03-16T10:00")).isEqualTo(Duration.ofHours(2));
            assertThat(between("2026-03-14T00:00", "2026-03-16T00:00")).isEqualTo(Duration.ZERO);
        }

        @Test
        void aWholeWeek() {
            assertThat(between("2026-03-09T00:00", "2026-03-16T00:00")).isEqualTo(Duration.ofHours(40));
        }

        @Test
        void emptyOrReversedIsZero() {
            assertThat(between("2026-03-09T10:00", "2026-03-09T10:00")).isEqualTo(Duration.ZERO);
            assertThat(between("2026-03-09T11:00", "2026-03-09T10:00")).isEqualTo(Duration.ZERO);
            assertThat(between("2026-03-10T11:00", "2026-03-09T10:00")).isEqualTo(Duration.ZERO);
        }

        @Test
        void isTheInverseOfAddingWorkingTime() {
            Instant[] starts = {at("2026-03-09T08:00"), at("2026-03-09T09:00"), at("2026-03-09T10:41"),
                    at("2026-03-09T12:00"), at("2026-03-09T12:30"), at("2026-03-09T17:59"), at("2026-03-13T18:00"),
                    at("2026-03-14T11:00")};
            for (Instant start : starts) {
                for (int minutes = 0; minutes <= 3 * 8 * 60; minutes += 37) {
                    Duration amount = Duration.ofMinutes(minutes);
                    Instant end = STANDARD.addWorkingTime(start, amount);
                    assertThat(STANDARD.workingTimeBetween(start, end))
                            .as("from %s plus %s = %s", start, amount, end)
                            .isEqualTo(amount);
                }
            }
        }
    }

    @Nested
    class Construction {
        @Test
        void needsAPeriod() {
            assertThatThrownBy(() -> new WorkingCalendar(SHANGHAI, Set.of(), Set.of(), Set.of(), List.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at least one working period");
        }

        @Test
        void periodMustEndAfterItStarts() {
            assertThatThrownBy(() -> new WorkingCalendar.Period(LocalTime.of(12, 0), LocalTime.of(9, 0)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must end after it starts");
        }

        @Test
        void periodsMustNotOverlap() {
            assertThatThrownBy(() -> new WorkingCalendar(SHANGHAI, Set.of(), Set.of(), Set.of(), List.of(
                    new WorkingCalendar.Period(LocalTime.of(9, 0), LocalTime.of(12, 30)),
                    new WorkingCalendar.Period(LocalTime.of(12, 0), LocalTime.of(18, 0)))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("overlap");
        }

        @Test
        void periodsAreSortedWhateverTheOrderGiven() {
            WorkingCalendar reversed = new WorkingCalendar(SHANGHAI, EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
                    Set.of(), Set.of(), List.of(
                    new WorkingCalendar.Period(LocalTime.of(13, 0), LocalTime.of(18, 0)),
                    new WorkingCalendar.Period(LocalTime.of(9, 0), LocalTime.of(12, 0))));
            assertThat(reversed.addWorkingTime(at("2026-03-09T08:00"), Duration.ofHours(4)))
                    .isEqualTo(at("2026-03-09T14:00"));
        }
    }
}
