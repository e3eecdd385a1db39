package org.civicline.agentui.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepeatCallerTest {
    private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");

    private static Instant daysAgo(int days) {
        return NOW.minus(Duration.ofDays(days));
    }

    @Test
    void aFirstContactIsNoRepeat() {
        RepeatCaller.Verdict verdict = RepeatCaller.judge(List.of(NOW), List.of(), NOW);

        assertThat(verdict.repeat()).isFalse();
        assertThat(verdict.contactsInWindow()).isEqualTo(1);
        assertThat(verdict.reason()).isNull();
    }

    @Test
    void aSecondContactWhileACaseIsStillOpenIsARepeat() {
        RepeatCaller.Verdict verdict = RepeatCaller.judge(List.of(NOW, daysAgo(5)), List.of("20261118-0007"), NOW);

        assertThat(verdict.repeat()).isTrue();
        assertThat(verdict.reason()).isEqualTo("30 天内第 2 次联系，工单 20261118-0007 尚未办结");
    }

    @Test
    void aSecondContactAfterTheCaseWasSolvedIsNoRepeat() {
        assertThat(RepeatCaller.judge(List.of(NOW, daysAgo(5)), List.of(), NOW).repeat()).isFalse();
    }

    @Test
    void aThirdContactWithinThirtyDaysIsARepeatEvenWithEveryCaseClosed() {
        RepeatCaller.Verdict verdict = RepeatCaller.judge(List.of(NOW, daysAgo(3), daysAgo(29)), List.of(), NOW);

        assertThat(verdict.repeat()).isTrue();
        assertThat(verdict.contactsInWindow()).isEqualTo(3);
        assertThat(verdict.reason()).isEqualTo("30 天内第 3 次联系");
    }

    @Test
    void contactsOlderThanThirtyDaysDoNotCount() {
        RepeatCaller.Verdict verdict = RepeatCaller.judge(List.of(NOW, daysAgo(31), daysAgo(40)),
                List.of("20261001-0001"), NOW);

        assertThat(verdict.repeat()).isFalse();
        assertThat(verdict.contactsInWindow()).isEqualTo(1);
    }
}
