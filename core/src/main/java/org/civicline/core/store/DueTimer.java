package org.civicline.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A timer kept in the store until it is due: a reminder, a supervision check, a follow-up. The id is derived from
 * what the timer is about, so scheduling the same thing twice keeps one timer.
 *
 * @param kind   what to do when it fires, e.g. "REMINDER"
 * @param anchor what the timer was computed from (e.g. the deadline), so a stale timer can be recognised
 */
public record DueTimer(String id, String caseNumber, String kind, Instant dueAt, Instant anchor) {
    public DueTimer {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a timer needs an id");
        }
        Objects.requireNonNull(dueAt, "dueAt");
    }
}
