package org.civicline.core.cases.merge;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import org.civicline.core.cases.Checks;
import org.civicline.core.cases.log.CaseChanges;
import org.civicline.core.cases.log.LogTag;
import org.civicline.core.cases.notices.Notices;
import org.civicline.core.model.Citizen;
import org.civicline.core.store.CitizenStore;
import org.civicline.core.workflow.Case;
import org.civicline.core.workflow.CaseEvent;
import org.civicline.core.workflow.CaseState;
import org.civicline.core.workflow.CaseTransition;
import org.civicline.core.workflow.IllegalTransitionException;

/**
 * Merging (合并): a duplicate case ends as MERGED and follows its main case. The merged case's holder is
 * {@code case:<main>}, and the main case's log notes the merged case's number ({@link LogTag#MERGED_IN}), first, so
 * that a main case closed weeks later still finds every case merged into it; when it closes or is reopened, the
 * residents of its merged cases are told too.
 */
public final class Merges {
    private static final String HOLDER = "case:";

    private final CaseChanges changes;
    private final CitizenStore citizens;
    private final Notices notices;

    public Merges(CaseChanges changes, CitizenStore citizens, Notices notices) {
        this.changes = changes;
        this.citizens = citizens;
        this.notices = notices;
    }

    public Future<Case> merge(String number, String into, String actor, String reason) {
        String who = Checks.text(actor, "actor", 100);
        String main = Checks.text(into, "into", 40);
        String why = Checks.text(reason, "reason", 1000);
        if (main.equals(number)) {
            throw Checks.invalid("into", "a case cannot be merged into itself");
        }
        return changes.get(main).compose(target -> {
            if (target.state() == CaseState.MERGED || target.state() == CaseState.CANCELLED) {
                return Future.failedFuture(Checks.invalid("into", "case " + main + " is "
                        + target.state().display() + " and cannot take merged cases"));
            }
            return changes.get(number).compose(c -> {
                if (!c.state().isOpen()) {
                    return Future.failedFuture(Checks.invalid("number", "case " + number + " is "
                            + c.state().display() + " and cannot be merged"));
                }
                // Noted on the main case before the merge: a merge whose note failed does not happen, and a note
                // whose merge then failed names a case that does not follow this one (mergedInto checks).
                return changes.note(main, LogTag.MERGED_IN, who, number).compose(noted -> changes.transition(
                        number, CaseTransition.to(CaseState.MERGED, who).because("合并至工单 " + main + "：" + why)
                                .assignedTo(HOLDER + main).atVersion(c.version())));
            });
        });
    }

    /** The main case a merged case follows. */
    public static Optional<String> mainOf(Case c) {
        return c.state() == CaseState.MERGED && c.assignee() != null && c.assignee().startsWith(HOLDER)
                ? Optional.of(c.assignee().substring(HOLDER.length())) : Optional.empty();
    }

    /** The cases merged into {@code main}, from the numbers its log notes. */
    public Future<List<Case>> mergedInto(String main) {
        return changes.get(main).compose(m -> Future.all(m.log().stream().filter(LogTag.MERGED_IN::marks)
                        .map(CaseEvent::note).distinct().map(changes::get).toList()))
                .map(all -> all.<Case>list().stream().filter(c -> mainOf(c).filter(main::equals).isPresent())
                        .toList());
    }

    /** After a change of a main case: residents of merged cases hear when it closes or is reopened. */
    public Future<Void> tellMergedResidents(Case main) {
        CaseEvent last = main.lastEvent();
        if (last.from() == last.to() || !(last.to() == CaseState.CLOSED || last.to() == CaseState.RESOLVED_ON_CONTACT
                || last.to() == CaseState.REOPENED)) {
            return Future.succeededFuture();
        }
        String news = last.to() == CaseState.REOPENED ? "重新办理" : "已办结";
        return mergedInto(main.number()).compose(merged -> Future.all(merged.stream()
                .map(c -> tell(c, main.number(), news)).toList())).mapEmpty();
    }

    private Future<Void> tell(Case merged, String main, String news) {
        String text = "【12345】您反映的问题（工单 " + merged.number() + "）已并入工单 " + main + " 一并办理，该工单" + news
                + "。回复“查询 " + merged.number() + "”可查看进度。";
        Future<Optional<Citizen>> citizen = merged.details().citizenId() == null
                ? Future.succeededFuture(Optional.empty()) : citizens.get(merged.details().citizenId());
        return citizen.compose(found -> {
            var notice = found.flatMap(r -> Notices.to(r.phone(), r.wechatOpenId(), text, "case-update",
                    merged.number()));
            if (notice.isEmpty()) {
                return Future.<Void>succeededFuture();
            }
            return changes.note(merged, LogTag.RESIDENT_NOTIFIED, "system",
                            "主工单 " + main + news + "，告知 " + Notices.describe(notice.get()), null)
                    .compose(logged -> notices.send(notice.get())).mapEmpty();
        }).recover(e -> e instanceof IllegalTransitionException ? Future.succeededFuture() : Future.failedFuture(e));
    }
}
