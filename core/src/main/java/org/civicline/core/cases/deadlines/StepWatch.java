package org.civicline.core.cases.deadlines;

import io.vertx.core.Future;
import java.util.Optional;
import org.civicline.core.bus.SendNotice;
import org.civicline.core.cases.departments.DepartmentDirectory;
import org.civicline.core.cases.log.CaseChanges;
import org.civicline.core.cases.log.LogTag;
import org.civicline.core.cases.notices.Notices;
import org.civicline.core.store.DueTimer;
import org.civicline.core.store.NotFoundException;
import org.civicline.core.workflow.Case;
import org.civicline.core.workflow.CaseEvent;
import org.civicline.core.workflow.CaseState;

/**
 * Fires the limits of the steps around handling: a dispatched case not signed for (签收) in time reminds the
 * department's handler; feedback not verified (核查) in time puts the case on the supervision list.
 */
public final class StepWatch {
    private final CaseChanges changes;
    private final DepartmentDirectory departments;
    private final Notices notices;

    public StepWatch(CaseChanges changes, DepartmentDirectory departments, Notices notices) {
        this.changes = changes;
        this.departments = departments;
        this.notices = notices;
    }

    public Future<Void> fire(DueTimer timer) {
        TimerKind kind = TimerKind.valueOf(timer.kind());
        return changes.get(timer.caseNumber()).compose(c -> {
            Optional<CaseEvent> entered = HandlingStep.enteredCurrentState(c);
            CaseState waiting = kind == TimerKind.ACCEPT ? CaseState.DISPATCHED : CaseState.FEEDBACK;
            LogTag tag = kind == TimerKind.ACCEPT ? LogTag.ACCEPT_OVERDUE : LogTag.VERIFICATION_OVERDUE;
            if (c.state() != waiting || entered.isEmpty() || !entered.get().at().equals(timer.anchor())
                    || HandlingStep.loggedSince(c, entered.get().sequence(), tag)) {
                return Future.<Void>succeededFuture();
            }
            return kind == TimerKind.ACCEPT ? acceptOverdue(c) : changes.note(c, tag, "system",
                    "反馈后未在时限内核查，已列入督办", null).mapEmpty();
        }).recover(e -> e instanceof NotFoundException ? Future.succeededFuture() : Future.failedFuture(e));
    }

    private Future<Void> acceptOverdue(Case c) {
        String text = "【12345催办】工单 " + c.number() + " 已派遣至贵单位，尚未签收，请尽快签收办理。";
        Optional<SendNotice> notice = departments.find(c.assignee()).map(d -> d.handler())
                .flatMap(p -> Notices.to(p.phone(), p.wechatOpenId(), text, "accept-reminder", c.number()));
        String to = notice.map(n -> "，通知 " + Notices.describe(n)).orElse("，仅系统消息");
        return changes.note(c, LogTag.ACCEPT_OVERDUE, "system", text + to, null)
                .compose(logged -> notice.map(notices::send).orElse(Future.succeededFuture("")))
                .mapEmpty();
    }
}
