package org.civicline.core.store;

import io.vertx.core.Future;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.civicline.core.workflow.Case;
import org.civicline.core.workflow.CaseDetails;
import org.civicline.core.workflow.CaseEvent;

/** Where cases and their append-only event logs are kept. Every future completes on the caller's Vert.x context. */
public interface CaseStore {

    /** The next case number of that day, {@code yyyyMMdd-NNNN}, unique across every node sharing the store. */
    Future<String> nextNumber(LocalDate day);

    /** Stores a new case with its first event. Fails with {@link CaseConflictException} if the number exists. */
    Future<Case> create(CaseDetails details, CaseEvent first);

    /**
     * Draws the day's next number (as {@link #nextNumber}) and stores the case under it (as {@link #create}), skipping
     * numbers already taken (a counter lost with a store restored from an older copy). When the details name a stored
     * contact that names no case yet, that contact is linked to the new case in the same step (its
     * {@code caseNumber}), so no failure can leave a case whose contact does not know it (a client's retry would open
     * a second one). On Redis all of it is one script: one round trip per new case.
     */
    Future<Case> createNumbered(LocalDate day, CaseDetails unnumbered, CaseEvent first);

    Future<Optional<Case>> get(String number);

    /**
     * Appends one event atomically. The event's sequence must be the case's version + 1: if another writer got there
     * first the append fails with {@link CaseConflictException} and nothing is written.
     */
    Future<Case> append(String number, CaseEvent event);

    /** Case numbers, newest first, at most {@code limit}. */
    Future<List<String>> recentNumbers(int limit);

    /**
     * Numbers of the cases open now ({@link org.civicline.core.workflow.CaseState#isOpen()}), oldest first; with an
     * {@code assignee}, only those it is assigned to. Kept with every write of a case, so an open case stays on its
     * department's list and under supervision however many newer cases came after it.
     */
    Future<List<String>> openNumbers(String assignee);

    /**
     * Numbers of the cases created or changed (by their events' times) from {@code from} to before {@code to}, at
     * least; the index is kept per UTC day, so cases of the neighbouring hours of those days come along too. For
     * reports, which count what happened in a period, and must see every case it happened to.
     */
    Future<List<String>> numbersTouched(java.time.Instant from, java.time.Instant to);

    /** Numbers of the cases of one resident ({@link CaseDetails#citizenId()}), newest first, at most {@code limit}. */
    Future<List<String>> recentNumbersOfCitizen(String citizenId, int limit);
}
