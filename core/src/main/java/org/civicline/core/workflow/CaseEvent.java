package org.civicline.core.workflow;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry in a case's append-only log (痕迹化管理). The first event of every case has {@code from == null}.
 *
 * @param sequence  1 for the first event, then +1; the case's version is the sequence of its last event
 * @param at        when it happened
 * @param actor     who did it: agent id, worker id, department, "system"
 * @param from      the state before, null for the first event
 * @param to        the state after
 * @param reason    why (required for return, reopen, cancel and merge)
 * @param deadline  the time limit the step starts, if any
 * @param assignee  who holds the case after this step, if it changed hands
 * @param note      free text kept on the audit trail (internal)
 */
public record CaseEvent(
        int sequence,
        Instant at,
        String actor,
        CaseState from,
        CaseState to,
        String reason,
        Instant deadline,
        String assignee,
        String note) {

    public CaseEvent {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence starts at 1, got " + sequence);
        }
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(to, "to");
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("actor is required");
        }
    }
}
