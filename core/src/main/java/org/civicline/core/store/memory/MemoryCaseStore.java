package org.civicline.core.store.memory;

import static io.vertx.core.Future.failedFuture;
import static io.vertx.core.Future.succeededFuture;

import io.vertx.core.Future;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.civicline.core.store.CaseConflictException;
import org.civicline.core.store.CaseNumbers;
import org.civicline.core.store.CaseStore;
import org.civicline.core.store.NotFoundException;
import org.civicline.core.workflow.Case;
import org.civicline.core.workflow.CaseDetails;
import org.civicline.core.workflow.CaseEvent;

/** Cases in memory. Appends are serialised per store, which is what makes the version check atomic here. */
public final class MemoryCaseStore implements CaseStore {
    private final Map<LocalDate, AtomicLong> sequences = new ConcurrentHashMap<>();
    private final Map<String, Case> cases = new ConcurrentSkipListMap<>();
    private final MemoryContactStore contacts;

    /** {@code contacts}: where a new case's contact is linked to it. */
    public MemoryCaseStore(MemoryContactStore contacts) {
        this.contacts = contacts;
    }

    @Override
    public Future<String> nextNumber(LocalDate day) {
        long next = sequences.computeIfAbsent(day, d -> new AtomicLong()).incrementAndGet();
        return succeededFuture(CaseNumbers.format(day, next));
    }

    @Override
    public synchronized Future<Case> create(CaseDetails details, CaseEvent first) {
        if (cases.containsKey(details.number())) {
            return failedFuture(new CaseConflictException("case " + details.number() + " already exists"));
        }
        Case created;
        try {
            created = Case.of(details, List.of(first));
        } catch (RuntimeException e) {
            return failedFuture(e);
        }
        cases.put(details.number(), created);
        return succeededFuture(created);
    }

    @Override
    public synchronized Future<Case> createNumbered(LocalDate day, CaseDetails unnumbered, CaseEvent first) {
        while (true) {
            String number = CaseNumbers.format(day, sequences.computeIfAbsent(day, d -> new AtomicLong())
                    .incrementAndGet());
            if (cases.containsKey(number)) {
                continue;
            }
            Future<Case> created = create(unnumbered.withNumber(number), first);
            if (created.succeeded() && unnumbered.contactId() != null) {
                contacts.linkCase(unnumbered.contactId(), number);
            }
            return created;
        }
    }

    @Override
    public Future<Optional<Case>> get(String number) {
        return succeededFuture(Optional.ofNullable(cases.get(number)));
    }

    @Override
    public synchronized Future<Case> append(String number, CaseEvent event) {
        Case current = cases.get(number);
        if (current == null) {
            return failedFuture(new NotFoundException("no case " + number));
        }
        if (event.sequence() != current.version() + 1) {
            return failedFuture(new CaseConflictException("case " + number + " changed meanwhile: it is at version "
                    + current.version() + ", the change was made against version " + (event.sequence() - 1)));
        }
        List<CaseEvent> log = new ArrayList<>(current.log());
        log.add(event);
        Case next;
        try {
            next = Case.of(current.details(), log);
        } catch (RuntimeException e) {
            return failedFuture(e);
        }
        cases.put(number, next);
        return succeededFuture(next);
    }

    @Override
    public Future<List<String>> recentNumbersOfCitizen(String citizenId, int limit) {
        if (citizenId == null || limit <= 0) {
            return succeededFuture(List.of());
        }
        return succeededFuture(cases.values().stream().filter(c -> citizenId.equals(c.details().citizenId()))
                .map(c -> c.details().number()).sorted((a, b) -> compareNumbers(b, a)).limit(limit).toList());
    }

    @Override
    public Future<List<String>> recentNumbers(int limit) {
        List<String> numbers = new ArrayList<>(cases.keySet());
        // Numbers sort by day then sequence only when sequences have equal width; compare by parts.
        numbers.sort((a, b) -> compareNumbers(b, a));
        return succeededFuture(List.copyOf(numbers.subList(0, Math.min(limit, numbers.size()))));
    }

    static int compareNumbers(String a, String b) {
        return CaseNumbers.OLDEST_FIRST.compare(a, b);
    }

    @Override
    public Future<List<String>> numbersTouched(java.time.Instant from, java.time.Instant to) {
        return succeededFuture(cases.values().stream()
                .filter(c -> c.log().stream().anyMatch(e -> !e.at().isBefore(from) && e.at().isBefore(to)))
                .map(c -> c.details().number()).sorted(CaseNumbers.OLDEST_FIRST).toList());
    }

    @Override
    public Future<List<String>> openNumbers(String assignee) {
        return succeededFuture(cases.values().stream()
                .filter(c -> c.state().isOpen() && (assignee == null || assignee.equals(c.assignee())))
                .map(c -> c.details().number()).sorted(CaseNumbers.OLDEST_FIRST).toList());
    }
}
