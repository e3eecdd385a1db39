package org.civicline.core.cases;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.civicline.core.store.CaseStore;
import org.civicline.core.workflow.Case;

/**
 * The newest cases, read from the store for duplicate checks; the open ones for lists and supervision; a period's for
 * reports. Bounded by the configured limit;
 * every node reads the same store, so each sees the same cases. With a {@code maxAge} one read serves every caller
 * for that long: many desks looking for duplicates as agents type share a scan instead of each reading thousands of
 * cases.
 */
public final class CaseScan {
    private final CaseStore cases;
    private final int limit;
    private final Duration maxAge;
    private final Clock clock;
    private Future<List<Case>> cached;
    private Instant readAt;

    public CaseScan(CaseStore cases, int limit) {
        this(cases, limit, Duration.ZERO, Clock.systemUTC());
    }

    public CaseScan(CaseStore cases, int limit, Duration maxAge, Clock clock) {
        this.cases = cases;
        this.limit = limit;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    public Future<List<Case>> recent() {
        if (maxAge.isZero()) {
            return read();
        }
        Instant now = clock.instant();
        synchronized (this) {
            if (cached == null || cached.failed() || now.isAfter(readAt.plus(maxAge))) {
                readAt = now;
                cached = read();
            }
            return cached;
        }
    }

    /**
     * Every open case, oldest first, or those assigned to {@code assignee}: from the store's open-case index, not
     * bounded by the newest cases, so a case that has waited longest — the one supervision is for — is among them.
     */
    public Future<List<Case>> open(String assignee) {
        return cases.openNumbers(assignee).compose(this::readAll)
                // The index is written with the case; a case read back closed by a later step is left out.
                .map(found -> found.stream().filter(c -> c.state().isOpen()
                        && (assignee == null || assignee.equals(c.assignee()))).toList());
    }

    /**
     * Every case a report of [{@code from}, {@code to}) counts: those created or changed then (and some of the hours
     * around), and those open now, whose deadline may have passed in the period without a step.
     */
    public Future<List<Case>> ofPeriod(java.time.Instant from, java.time.Instant to) {
        Future<List<String>> touched = cases.numbersTouched(from, to);
        Future<List<String>> open = cases.openNumbers(null);
        return Future.all(touched, open).compose(both -> readAll(java.util.stream.Stream.concat(
                touched.result().stream(), open.result().stream()).distinct().toList()));
    }

    private Future<List<Case>> read() {
        return cases.recentNumbers(limit).compose(this::readAll);
    }

    private Future<List<Case>> readAll(List<String> numbers) {
        return Future.all(numbers.stream().map(cases::get).toList())
                .map(all -> all.<Optional<Case>>list().stream().flatMap(Optional::stream).toList());
    }
}
