package org.civicline.core.workflow;

import java.time.Instant;
import java.util.List;
import org.civicline.core.model.GeoPoint;

/**
 * A case (工单) as it stands now: its details plus what its event log says. Build it with {@link #of}; the state,
 * assignee, time limit and version are never stored apart from the log.
 */
public record Case(CaseDetails details, CaseState state, String assignee, Instant deadline, int version,
                   List<CaseEvent> log) {

    public Case {
        log = List.copyOf(log);
    }

    /** Folds the log into the current case. */
    public static Case of(CaseDetails details, List<CaseEvent> log) {
        if (log.isEmpty()) {
            throw new IllegalArgumentException("case " + details.number() + " has an empty event log");
        }
        CaseState state = null;
        String assignee = null;
        Instant deadline = null;
        int expected = 1;
        for (CaseEvent event : log) {
            if (event.sequence() != expected++) {
                throw new IllegalStateException("case " + details.number() + " log is out of sequence at "
                        + event.sequence());
            }
            if (event.from() != state) {
                throw new IllegalStateException("case " + details.number() + " event " + event.sequence()
                        + " starts from " + event.from() + " but the case was " + state);
            }
            state = event.to();
            if (event.assignee() != null) {
                assignee = event.assignee();
            }
            if (event.deadline() != null) {
                deadline = event.deadline();
            }
        }
        return new Case(details, state, assignee, state.isOpen() ? deadline : null, log.size(), log);
    }

    public String number() {
        return details.number();
    }

    public String categoryCode() {
        return details.categoryCode();
    }

    public GeoPoint location() {
        return details.location();
    }

    public CaseEvent lastEvent() {
        return log.get(log.size() - 1);
    }
}
