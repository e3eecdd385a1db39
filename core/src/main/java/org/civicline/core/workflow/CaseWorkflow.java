package org.civicline.core.workflow;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/** Checks a requested transition against the workflow and turns it into the next event of the log. */
public final class CaseWorkflow {

    /** Steps that must say why: they undo or end someone's work. */
    private static final Set<CaseState> REASON_REQUIRED =
            EnumSet.of(CaseState.RETURNED, CaseState.REOPENED, CaseState.MERGED, CaseState.CANCELLED);

    private CaseWorkflow() {
    }

    /** The first event of a new case. */
    public static CaseEvent received(Instant at, String actor, Instant deadline, String note) {
        return new CaseEvent(1, at, actor, null, CaseState.RECEIVED, null, deadline, null, note);
    }

    /**
     * The event that moves {@code current} as {@code transition} asks.
     *
     * @param deadline the time limit the new step starts, or null when it starts none
     * @throws IllegalTransitionException when the workflow does not allow it or a required field is missing
     */
    public static CaseEvent next(Case current, CaseTransition transition, Instant at, Instant deadline) {
        CaseState from = current.state();
        CaseState to = transition.to();
        if (!from.canMoveTo(to)) {
            throw new IllegalTransitionException(current.number(), from, to, null);
        }
        if (transition.actor() == null || transition.actor().isBlank()) {
            throw new IllegalTransitionException(current.number(), from, to, "the actor is required");
        }
        if (REASON_REQUIRED.contains(to) && isBlank(transition.reason())) {
            throw new IllegalTransitionException(current.number(), from, to,
                    "a reason is required for " + to.display());
        }
        if (to == CaseState.DISPATCHED && isBlank(transition.assignee())) {
            throw new IllegalTransitionException(current.number(), from, to,
                    "dispatch needs an assignee (department, grid worker or agent)");
        }
        return new CaseEvent(current.version() + 1, at, transition.actor(), from, to, transition.reason(), deadline,
                transition.assignee(), transition.note());
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
