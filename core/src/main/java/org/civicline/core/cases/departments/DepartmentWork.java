package org.civicline.core.cases.departments;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import org.civicline.core.cases.Checks;
import org.civicline.core.cases.NotAssignedException;
import org.civicline.core.cases.log.CaseChanges;
import org.civicline.core.model.Attachment;
import org.civicline.core.store.ReferenceStore;
import org.civicline.core.workflow.Case;
import org.civicline.core.workflow.CaseState;
import org.civicline.core.workflow.CaseTransition;

/**
 * What the hotline and departments do with a dispatched case: dispatch by the catalogue, accept (签收), return a
 * misrouted case (退回), give feedback (反馈) with attachments.
 */
public final class DepartmentWork {
    /** Who holds a returned case: the hotline, which dispatches it again. */
    public static final String HOTLINE = "热线";
    static final int MAX_TEXT = 4000;
    static final int MAX_ATTACHMENTS = 20;

    private final CaseChanges changes;
    private final DepartmentDirectory directory;
    private final ReferenceStore documents;
    private final Clock clock;

    public DepartmentWork(CaseChanges changes, DepartmentDirectory directory, ReferenceStore documents, Clock clock) {
        this.changes = changes;
        this.directory = directory;
        this.documents = documents;
        this.clock = clock;
    }

    /** Dispatches to {@code department}, or to the catalogue's department when null; registers it first if needed. */
    public Future<Case> dispatch(String number, String actor, String department) {
        String who = Checks.text(actor, "actor", 100);
        return changes.get(number).compose(c -> {
            Department target = department != null ? directory.find(department).orElseThrow(() -> Checks.invalid(
                    "department", "'" + department + "' is not a department of the dispatch catalogue"))
                    : directory.dispatchTarget(c.categoryCode(), c.details().gridCode()).orElseThrow(() ->
                    Checks.invalid("department", "the dispatch catalogue has no department for category '"
                            + c.categoryCode() + "'; name one"));
            Future<Case> registered = c.state() == CaseState.RECEIVED
                    ? changes.transition(number, CaseTransition.to(CaseState.REGISTERED, who)) : Future.succeededFuture(c);
            return registered.compose(r -> changes.transition(number, CaseTransition.to(CaseState.DISPATCHED, who)
                    .assignedTo(target.name()).withNote("派遣至 " + target.name()).atVersion(r.version())));
        });
    }

    /** The department signs for the case (签收), or takes a reopened case back into handling. */
    public Future<Case> accept(String number, String department) {
        return own(number, department).compose(c -> changes.transition(number,
                CaseTransition.to(CaseState.IN_PROGRESS, department).withNote("签收").atVersion(c.version())));
    }

    /** Returns a misrouted case to the hotline with the reason; the log keeps count. */
    public Future<Case> giveBack(String number, String department, String reason) {
        String why = Checks.text(reason, "reason", 1000);
        return own(number, department).compose(c -> changes.transition(number,
                CaseTransition.to(CaseState.RETURNED, department).because(why).assignedTo(HOTLINE)
                        .atVersion(c.version())));
    }

    public Future<Case> feedback(String number, String department, String text, String publicReply,
                                 List<Attachment> attachments) {
        String handled = Checks.text(text, "text", MAX_TEXT);
        String reply = Checks.optionalText(publicReply, "publicReply", MAX_TEXT);
        List<Attachment> files = attachments == null ? List.of() : attachments;
        if (files.size() > MAX_ATTACHMENTS) {
            throw Checks.invalid("attachments", "at most " + MAX_ATTACHMENTS + " files, got " + files.size());
        }
        return own(number, department).compose(c -> changes.transition(number,
                        CaseTransition.to(CaseState.FEEDBACK, department).withNote(handled).atVersion(c.version())))
                .compose(c -> documents.put(Feedback.KIND, number + "#" + c.version(), new Feedback(number,
                        c.version(), department, handled, reply, files, clock.instant())).map(c));
    }

    /** Every feedback given on the case, oldest first. */
    public Future<List<Feedback>> feedbackOf(Case c) {
        List<Future<java.util.Optional<Feedback>>> reads = c.log().stream()
                .filter(e -> e.to() == CaseState.FEEDBACK && e.from() != e.to())
                .map(e -> documents.get(Feedback.KIND, c.number() + "#" + e.sequence(), Feedback.class)).toList();
        return Future.all(reads).map(all -> reads.stream().map(Future::result)
                .flatMap(java.util.Optional::stream).toList());
    }

    public static long returnCount(Case c) {
        return c.log().stream().filter(e -> e.to() == CaseState.RETURNED && e.from() != e.to()).count();
    }

    /** The case, if {@code department} holds it. */
    Future<Case> own(String number, String department) {
        String who = Checks.text(department, "department", 100);
        return changes.get(number).compose(c -> who.equals(c.assignee()) ? Future.succeededFuture(c)
                : Future.failedFuture(new NotAssignedException("case " + number + " is assigned to "
                + (c.assignee() == null ? "nobody" : c.assignee()) + ", not to " + who)));
    }
}
