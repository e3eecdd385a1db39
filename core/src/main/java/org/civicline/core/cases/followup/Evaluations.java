package org.civicline.core.cases.followup;

import io.vertx.core.Future;
import java.util.List;
import org.civicline.core.cases.ValidationException;
import org.civicline.core.cases.log.CaseChanges;
import org.civicline.core.cases.log.LogTag;
import org.civicline.core.workflow.Case;
import org.civicline.core.workflow.CaseState;
import org.civicline.core.workflow.CaseTransition;
import org.civicline.core.workflow.IllegalTransitionException;

/**
 * Records a resident's evaluation (评价), from the survey page or an agent's follow-up call, and finishes the
 * follow-up (回访): not solved or unsatisfied reopens the case (重办) with the comment, against the same department.
 */
public final class Evaluations {
    private final CaseChanges changes;
    private final int reopenAtOrBelow;

    public Evaluations(CaseChanges changes, int reopenAtOrBelow) {
        this.changes = changes;
        this.reopenAtOrBelow = reopenAtOrBelow;
    }

    public Future<Case> record(String number, SurveyAnswer answer, String via) {
        List<ValidationException.Problem> problems = answer.problems();
        if (!problems.isEmpty()) {
            return Future.failedFuture(new ValidationException(problems));
        }
        String comment = answer.comment() == null || answer.comment().isBlank() ? null : answer.comment().strip();
        return changes.get(number).compose(c -> {
            if (c.state() != CaseState.CLOSED && c.state() != CaseState.RESOLVED_ON_CONTACT) {
                return Future.failedFuture(new IllegalTransitionException(number, c.state(), CaseState.EVALUATED,
                        "the case is not waiting for an evaluation"));
            }
            String department = lastHandler(c);
            return changes.transition(number, CaseTransition.to(CaseState.EVALUATED, via).because(answer.summary())
                            .withNote(comment).atVersion(c.version()))
                    .compose(evaluated -> unhappy(answer)
                            ? changes.transition(number, CaseTransition.to(CaseState.REOPENED, via)
                            .because("回访不满意：" + (comment == null ? (answer.solved() ? "不满意" : "问题未解决") : comment))
                            .assignedTo(department).atVersion(evaluated.version()))
                            : changes.transition(number, CaseTransition.to(CaseState.FOLLOWED_UP, via)
                            .withNote("回访完成").atVersion(evaluated.version())));
        });
    }

    private boolean unhappy(SurveyAnswer answer) {
        return !answer.solved() || answer.satisfaction() <= reopenAtOrBelow;
    }

    /** The department that last handled the case; a case resolved on contact stays with whoever holds it. */
    private static String lastHandler(Case c) {
        return c.assignee() == null ? "热线" : c.assignee();
    }

    /** Logs a follow-up call that did not reach the resident. */
    public Future<Case> unreached(String number, String agent, String outcome) {
        return changes.note(number, LogTag.FOLLOW_UP_ATTEMPT, agent, "回访电话未接通：" + outcome);
    }
}
