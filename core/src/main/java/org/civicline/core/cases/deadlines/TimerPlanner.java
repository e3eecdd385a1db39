package org.civicline.core.cases.deadlines;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.civicline.core.cases.CasesConfig;
import org.civicline.core.cases.log.LogTag;
import org.civicline.core.model.Category;
import org.civicline.core.store.DueTimer;
import org.civicline.core.store.TimerStore;
import org.civicline.core.time.WorkingCalendar;
import org.civicline.core.workflow.Case;
import org.civicline.core.workflow.CaseEvent;
import org.civicline.core.workflow.CaseState;

/**
 * Keeps a case's timers in the store: reminder and overdue for a running step, follow-up after closing. Timer ids
 * are derived from the case and the deadline, so planning again (any node, any change) adds nothing; a timer left
 * from an older deadline finds the case changed when it fires and does nothing.
 */
public final class TimerPlanner {
    private final Vertx vertx;
    private final TimerStore timers;
    private final ReminderTime reminders;
    private final Function<String, Optional<Category>> categories;
    private final Duration followUpDelay;
    private final WorkingCalendar calendar;
    private final CasesConfig.StepLimits steps;

    public TimerPlanner(Vertx vertx, TimerStore timers, ReminderTime reminders,
                        Function<String, Optional<Category>> categories, Duration followUpDelay,
                        WorkingCalendar calendar, CasesConfig.StepLimits steps) {
        this.vertx = vertx;
        this.timers = timers;
        this.reminders = reminders;
        this.categories = categories;
        this.followUpDelay = followUpDelay;
        this.calendar = calendar;
        this.steps = steps;
    }

    public Future<Void> plan(Case c) {
        List<DueTimer> due = timersFor(c);
        if (due.isEmpty()) {
            return Future.succeededFuture();
        }
        return Future.all(due.stream().map(timers::schedule).toList())
                .onSuccess(v -> vertx.eventBus().publish(TimerKind.WAKE, ""))
                .mapEmpty();
    }

    public List<DueTimer> timersFor(Case c) {
        List<DueTimer> due = new ArrayList<>();
        if (HandlingStep.isRunning(c)) {
            CaseEvent started = HandlingStep.startedBy(c).orElse(c.lastEvent());
            Category category = c.categoryCode() == null ? null : categories.apply(c.categoryCode()).orElse(null);
            if (!HandlingStep.loggedSinceDeadline(c, LogTag.REMINDER)) {
                due.add(TimerKind.REMINDER.timer(c.number(),
                        reminders.of(started.at(), c.deadline(), category), c.deadline()));
            }
            if (!HandlingStep.loggedSinceDeadline(c, LogTag.SUPERVISION)) {
                due.add(TimerKind.OVERDUE.timer(c.number(), c.deadline(), c.deadline()));
            }
        }
        HandlingStep.enteredCurrentState(c).ifPresent(entered -> {
            if (c.state() == CaseState.DISPATCHED && !HandlingStep.loggedSince(c, entered.sequence(),
                    LogTag.ACCEPT_OVERDUE)) {
                Instant limit = calendar.addWorkingTime(entered.at(), Duration.ofHours(steps.acceptWorkingHours()));
                due.add(TimerKind.ACCEPT.timer(c.number(), earliest(limit, c.deadline()), entered.at()));
            }
            if (c.state() == CaseState.FEEDBACK && !HandlingStep.loggedSince(c, entered.sequence(),
                    LogTag.VERIFICATION_OVERDUE)) {
                Instant limit = calendar.addWorkingTime(entered.at(),
                        Duration.ofHours(steps.verificationWorkingHours()));
                due.add(TimerKind.VERIFICATION.timer(c.number(), limit, entered.at()));
            }
        });
        closedAt(c).filter(closing -> !followedUpSince(c, closing)).ifPresent(closing -> due.add(
                TimerKind.FOLLOW_UP.timer(c.number(), closing.at().plus(followUpDelay), closing.at())));
        return due;
    }

    private static Instant earliest(Instant a, Instant b) {
        return b != null && b.isBefore(a) ? b : a;
    }

    /** The closing entry a follow-up is owed for, when the case is closed and not yet evaluated. */
    public static Optional<CaseEvent> closedAt(Case c) {
        if (c.state() != CaseState.CLOSED && c.state() != CaseState.RESOLVED_ON_CONTACT) {
            return Optional.empty();
        }
        for (int i = c.log().size() - 1; i >= 0; i--) {
            CaseEvent e = c.log().get(i);
            if (e.from() != e.to() && e.to() == c.state()) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    public static boolean followedUpSince(Case c, CaseEvent closing) {
        return c.log().stream().anyMatch(e -> e.sequence() > closing.sequence()
                && (LogTag.FOLLOW_UP_SENT.marks(e) || LogTag.FOLLOW_UP_CALLBACK.marks(e)
                || LogTag.FOLLOW_UP_SKIPPED.marks(e)));
    }
}
