package org.civicline.core.cases.deadlines;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.civicline.core.cases.log.LogTag;
import org.civicline.core.workflow.Case;
import org.civicline.core.workflow.CaseEvent;
import org.civicline.core.workflow.CaseState;

/** The step a department's time limit watches: from dispatch (or reopening) until its feedback. */
public final class HandlingStep {
    /** States in which the department's clock runs. */
    public static final Set<CaseState> RUNNING = EnumSet.of(CaseState.DISPATCHED, CaseState.IN_PROGRESS,
            CaseState.REOPENED);

    private HandlingStep() {
    }

    public static boolean isRunning(Case c) {
        return RUNNING.contains(c.state()) && c.deadline() != null;
    }

    /** The entry that set the running deadline: a dispatch, a reopening or an approved extension. */
    public static Optional<CaseEvent> deadlineSetBy(Case c) {
        for (int i = c.log().size() - 1; i >= 0; i--) {
            if (c.log().get(i).deadline() != null) {
                return Optional.of(c.log().get(i));
            }
        }
        return Optional.empty();
    }

    /** When the department's step started: the last dispatch or reopening. */
    public static Optional<CaseEvent> startedBy(Case c) {
        for (int i = c.log().size() - 1; i >= 0; i--) {
            CaseEvent e = c.log().get(i);
            if (e.from() != e.to() && (e.to() == CaseState.DISPATCHED || e.to() == CaseState.REOPENED)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The step that moved the case into its current state. */
    public static Optional<CaseEvent> enteredCurrentState(Case c) {
        for (int i = c.log().size() - 1; i >= 0; i--) {
            CaseEvent e = c.log().get(i);
            if (e.from() != e.to() && e.to() == c.state()) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code tag} was logged after entry {@code sequence}. */
    public static boolean loggedSince(Case c, int sequence, LogTag tag) {
        return c.log().stream().anyMatch(e -> e.sequence() > sequence && tag.marks(e));
    }

    /** Whether {@code tag} was logged since the running deadline was set. */
    public static boolean loggedSinceDeadline(Case c, LogTag tag) {
        int from = deadlineSetBy(c).map(CaseEvent::sequence).orElse(0);
        return c.log().stream().anyMatch(e -> e.sequence() > from && tag.marks(e));
    }
}
