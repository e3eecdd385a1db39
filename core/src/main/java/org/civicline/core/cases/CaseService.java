package org.civicline.core.cases;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.civicline.core.bus.CreateCaseRequest;
import org.civicline.core.model.Category;
import org.civicline.core.model.Citizen;
import org.civicline.core.model.Priority;
import org.civicline.core.store.CaseConflictException;
import org.civicline.core.store.CaseNumbers;
import org.civicline.core.store.CitizenStore;
import org.civicline.core.store.CaseStore;
import org.civicline.core.store.NotFoundException;
import org.civicline.core.time.TimeLimitPolicy;
import org.civicline.core.workflow.Case;
import org.civicline.core.workflow.CaseDetails;
import org.civicline.core.workflow.CaseEvent;
import org.civicline.core.workflow.CaseState;
import org.civicline.core.workflow.CaseTransition;
import org.civicline.core.workflow.CaseWorkflow;

/** Opens cases and moves them through the workflow, with time limits from the category and priority. */
public final class CaseService {
    static final int MAX_DESCRIPTION = 4000;
    static final int MAX_ADDRESS = 500;

    private final CaseStore cases;
    private final CitizenStore citizens;
    private final Function<String, Optional<Category>> categories;
    private final TimeLimitPolicy limits;
    private final Clock clock;

    public CaseService(CaseStore cases, CitizenStore citizens, Function<String, Optional<Category>> categories,
                       TimeLimitPolicy limits, Clock clock) {
        this.cases = cases;
        this.citizens = citizens;
        this.categories = categories;
        this.limits = limits;
        this.clock = clock;
    }

    public Future<Case> create(CreateCaseRequest request) {
        List<ValidationException.Problem> problems = validate(request);
        if (!problems.isEmpty()) {
            return Future.failedFuture(new ValidationException(problems));
        }
        Instant now = clock.instant();
        Priority priority = request.priority() == null ? Priority.NORMAL : request.priority();
        Category category = request.categoryCode() == null ? null : categories.apply(request.categoryCode()).orElseThrow();
        LocalDate day = LocalDate.ofInstant(now, limits.calendar().zone());
        CaseEvent first = CaseWorkflow.received(now, request.actor(), limits.deadline(now, category, priority), null);
        return citizenOf(request).compose(citizenId -> cases.createNumbered(day, new CaseDetails(null,
                request.categoryCode(), request.channel(), priority, citizenId, request.contactId(),
                request.description().strip(), request.address(), request.location(), request.gridCode(),
                request.attachments(), now), first));
    }

    public Future<Case> get(String number) {
        if (!CaseNumbers.isWellFormed(number)) {
            return Future.failedFuture(new ValidationException(List.of(
                    new ValidationException.Problem("number", "a case number looks like 20261122-0001, got '"
                            + number + "'"))));
        }
        return cases.get(number).compose(found -> found.map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(new NotFoundException("no case " + number))));
    }

    /** Moves the case; refuses illegal steps and changes made against an older version than the stored one. */
    public Future<Case> transition(String number, CaseTransition transition) {
        return get(number).compose(current -> {
            if (transition.expectedVersion() != CaseTransition.ANY_VERSION
                    && transition.expectedVersion() != current.version()) {
                return Future.failedFuture(new CaseConflictException("case " + number + " is at version "
                        + current.version() + "; the change was made against version "
                        + transition.expectedVersion() + ": reload it and decide again"));
            }
            Instant now = clock.instant();
            CaseEvent event = CaseWorkflow.next(current, transition, now, deadlineOf(current, transition.to(), now));
            return cases.append(number, event);
        });
    }

    /** Dispatching and reopening start a new handling time limit; other steps keep the running one. */
    private Instant deadlineOf(Case current, CaseState to, Instant now) {
        if (to != CaseState.DISPATCHED && to != CaseState.REOPENED) {
            return null;
        }
        Category category = current.categoryCode() == null ? null
                : categories.apply(current.categoryCode()).orElse(null);
        return limits.deadline(now, category, current.details().priority());
    }

    private Future<String> citizenOf(CreateCaseRequest request) {
        if (request.citizenId() != null || request.citizenPhone() == null) {
            return Future.succeededFuture(request.citizenId());
        }
        return citizens.idOrRegister(new Citizen(null, request.citizenPhone(), null, null, request.citizenName(), null,
                null));
    }

    private List<ValidationException.Problem> validate(CreateCaseRequest r) {
        List<ValidationException.Problem> problems = new ArrayList<>();
        if (r.actor() == null || r.actor().isBlank()) {
            problems.add(new ValidationException.Problem("actor", "is required: who registers the case"));
        }
        if (r.channel() == null) {
            problems.add(new ValidationException.Problem("channel", "is required"));
        }
        if (r.description() == null || r.description().isBlank()) {
            problems.add(new ValidationException.Problem("description", "is required: what the resident reports"));
        } else if (r.description().length() > MAX_DESCRIPTION) {
            problems.add(new ValidationException.Problem("description", "is longer than " + MAX_DESCRIPTION
                    + " characters (" + r.description().length() + ")"));
        }
        if (r.address() != null && r.address().length() > MAX_ADDRESS) {
            problems.add(new ValidationException.Problem("address", "is longer than " + MAX_ADDRESS + " characters"));
        }
        if (r.categoryCode() != null && categories.apply(r.categoryCode()).isEmpty()) {
            problems.add(new ValidationException.Problem("categoryCode", "'" + r.categoryCode()
                    + "' is not a category of the taxonomy"));
        }
        if (r.citizenPhone() != null && !r.citizenPhone().matches("\\+?[0-9-]{3,20}")) {
            problems.add(new ValidationException.Problem("citizenPhone", "must be a phone number of digits, got '"
                    + r.citizenPhone() + "'"));
        }
        return problems;
    }
}
