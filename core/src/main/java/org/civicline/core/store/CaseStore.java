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

    Future<Optional<Case>> get(String number);

    /**
     * Appends one event atomically. The event's sequence must be the case's version + 1: if another writer got there
     * first the append fails with {@link CaseConflictException} and nothing is written.
     */
    Future<Case> append(String number, CaseEvent event);

    /** Case numbers, newest first, at most {@code limit}. */
    Future<List<String>> recentNumbers(int limit);

    /** Numbers of the cases of one resident ({@link CaseDetails#citizenId()}), newest first, at most {@code limit}. */
    Future<List<String>> recentNumbersOfCitizen(String citizenId, int limit);
}
