package org.civicline.core.cases.deadlines;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.civicline.core.bus.SendNotice;
import org.civicline.core.cases.departments.Department;
import org.civicline.core.cases.departments.DepartmentDirectory;
import org.civicline.core.cases.log.CaseChanges;
import org.civicline.core.cases.log.LogTag;
import org.civicline.core.cases.notices.Notices;
import org.civicline.core.store.DueTimer;
import org.civicline.core.store.NotFoundException;
import org.civicline.core.workflow.Case;

/**
 * Fires the reminder (催办) and overdue (督办) timers. The log entry is appended before the notice goes out and is
 * checked against the case's version, so of two nodes that somehow fire the same timer only one reminds.
 */
public final class DeadlineWatch {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final CaseChanges changes;
    private final DepartmentDirectory departments;
    private final Notices notices;
    private final Clock clock;
    private final ZoneId zone;
    private final int sharePercent;

    public DeadlineWatch(CaseChanges changes, DepartmentDirectory departments, Notices notices, Clock clock,
                         ZoneId zone, double share) {
        this.changes = changes;
        this.departments = departments;
        this.notices = notices;
        this.clock = clock;
        this.zone = zone;
        this.sharePercent = (int) Math.round(share * 100);
    }

    public Future<Void> fire(DueTimer timer) {
        TimerKind kind = TimerKind.valueOf(timer.kind());
        return changes.get(timer.caseNumber())
                .compose(c -> isCurrent(c, timer) ? act(c, kind) : Future.<Void>succeededFuture())
                .recover(e -> e instanceof NotFoundException ? Future.succeededFuture() : Future.failedFuture(e));
    }

    /** A timer of an older deadline, or of a step that has ended, does nothing. */
    private static boolean isCurrent(Case c, DueTimer timer) {
        return HandlingStep.isRunning(c) && c.deadline().equals(timer.anchor());
    }

    private Future<Void> act(Case c, TimerKind kind) {
        Optional<Department> department = departments.find(c.assignee());
        String due = WHEN.format(c.deadline().atZone(zone));
        if (kind == TimerKind.REMINDER) {
            if (HandlingStep.loggedSinceDeadline(c, LogTag.REMINDER) || !clock.instant().isBefore(c.deadline())) {
                return Future.succeededFuture();
            }
            String text = "【12345催办】工单 " + c.number() + " 办理时限 " + due + "，已用去时限的 " + sharePercent
                    + "%，请抓紧办理并按时反馈。";
            return remind(c, LogTag.REMINDER, text, department.map(d -> notice(d.handler(), text, "reminder", c)));
        }
        if (kind == TimerKind.OVERDUE) {
            if (HandlingStep.loggedSinceDeadline(c, LogTag.SUPERVISION) || clock.instant().isBefore(c.deadline())) {
                return Future.succeededFuture();
            }
            String text = "【12345督办】工单 " + c.number() + " 已超过办理时限 " + due + "，已列入督办，请负责人督促办理。";
            return remind(c, LogTag.SUPERVISION, text, department.map(d -> notice(d.head(), text, "supervision", c)));
        }
        return Future.succeededFuture();
    }

    private Future<Void> remind(Case c, LogTag tag, String text, Optional<Optional<SendNotice>> notice) {
        Optional<SendNotice> send = notice.flatMap(n -> n);
        String to = send.map(n -> "，通知 " + Notices.describe(n)).orElse("，承办单位无联系方式，仅系统消息");
        return changes.note(c, tag, "system", text + to, null)
                .compose(logged -> send.map(notices::send).orElse(Future.succeededFuture("")))
                .mapEmpty();
    }

    private static Optional<SendNotice> notice(Department.Person person, String text, String purpose, Case c) {
        return person == null ? Optional.empty()
                : Notices.to(person.phone(), person.wechatOpenId(), text, purpose, c.number());
    }
}
