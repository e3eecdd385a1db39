package org.civicline.core.cases.log;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;
import org.civicline.core.bus.Addresses;
import org.civicline.core.bus.CaseChanged;
import org.civicline.core.cases.CaseService;
import org.civicline.core.store.CaseStore;
import org.civicline.core.workflow.Case;
import org.civicline.core.workflow.CaseEvent;
import org.civicline.core.workflow.CaseTransition;

/**
 * Every change case handling makes: a workflow step through {@link CaseService}, or a tagged note on the log. After
 * each one the case's timers are planned and the change is published, as the case service's own verticle does.
 */
public final class CaseChanges {
    private final Vertx vertx;
    private final CaseService service;
    private final CaseStore cases;
    private final Clock clock;
    private final Function<Case, Future<Void>> afterChange;

    /** @param afterChange planning the case's timers; the change is acknowledged after it */
    public CaseChanges(Vertx vertx, CaseService service, CaseStore cases, Clock clock,
                       Function<Case, Future<Void>> afterChange) {
        this.vertx = vertx;
        this.service = service;
        this.cases = cases;
        this.clock = clock;
        this.afterChange = afterChange;
    }

    public Future<Case> get(String number) {
        return service.get(number);
    }

    public Future<Case> transition(String number, CaseTransition transition) {
        return service.transition(number, transition).compose(this::changed);
    }

    /** Appends a note that keeps the state; {@code deadline}, when given, replaces the running time limit. */
    public Future<Case> note(Case current, LogTag tag, String actor, String text, Instant deadline) {
        CaseEvent event = new CaseEvent(current.version() + 1, clock.instant(), actor, current.state(),
                current.state(), tag.name(), deadline, null, text);
        return cases.append(current.number(), event).compose(this::changed);
    }

    public Future<Case> note(String number, LogTag tag, String actor, String text) {
        return service.get(number).compose(c -> note(c, tag, actor, text, null));
    }

    private Future<Case> changed(Case c) {
        vertx.eventBus().publish(Addresses.CASE_CHANGED, new CaseChanged(c));
        return afterChange.apply(c).map(c);
    }
}
