package org.civicline.core.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.civicline.core.cases.deadlines.ReminderTime;
import org.civicline.core.model.Category;
import org.civicline.core.time.TimeLimit;
import org.civicline.core.time.WorkingCalendar;
import org.junit.jupiter.api.Test;

class ReminderTimeTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final WorkingCalendar CALENDAR = WorkingCalendar.standard(SHANGHAI);
    private static final ReminderTime AT_80 = new ReminderTime(CALENDAR, 0.8);

    @Test
    void aWorkingDayLimitIsRemindedAtEightyPercentOfItsWorkingTimeAcrossTheWeekend() {
        Category lamps = new Category("0102", "路灯照明", "01", TimeLimit.workingDays(3), "城管局");
        Instant start = at("2026-11-20T10:00");
        Instant deadline = CALENDAR.deadline(start, lamps.timeLimit());

        assertThat(deadline).isEqualTo(at("2026-11-25T10:00"));
        assertThat(AT_80.of(start, deadline, lamps)).isEqualTo(at("2026-11-24T14:12"));
    }

    @Test
    void aLimitInCalendarHoursIsRemindedOnTheWallClockNightsIncluded() {
        Category manholes = new Category("0103", "井盖缺失破损", "01", TimeLimit.calendarHours(24), "城管局");
        Instant start = at("2026-11-20T17:00");

        assertThat(AT_80.of(start, CALENDAR.deadline(start, manholes.timeLimit()), manholes))
                .isEqualTo(at("2026-11-21T12:12"));
    }

    @Test
    void aDeadlineCutShortByAPriorityCapIsRemindedOnTheWallClock() {
        Category lamps = new Category("0102", "路灯照明", "01", TimeLimit.workingDays(3), "城管局");
        Instant start = at("2026-11-20T10:00");
        Instant urgent = CALENDAR.deadline(start, TimeLimit.calendarHours(2));

        assertThat(AT_80.of(start, urgent, lamps)).isEqualTo(at("2026-11-20T11:36"));
    }

    static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
    }
}
