package org.civicline.core.cases;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import java.util.function.Function;
import org.civicline.core.bus.Addresses;
import org.civicline.core.bus.CaseChanged;
import org.civicline.core.bus.CreateCaseRequest;
import org.civicline.core.bus.FailureCodes;
import org.civicline.core.bus.GetCaseRequest;
import org.civicline.core.bus.TransitionCaseRequest;
import org.civicline.core.json.Jsons;
import org.civicline.core.store.CaseConflictException;
import org.civicline.core.store.NotFoundException;
import org.civicline.core.workflow.Case;
import org.civicline.core.workflow.IllegalTransitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves the case contract on the event bus and publishes every change. */
public final class CaseServiceVerticle extends AbstractVerticle {
    private static final Logger LOG = LoggerFactory.getLogger(CaseServiceVerticle.class);
    private final CaseService service;

    public CaseServiceVerticle(CaseService service) {
        this.service = service;
    }

    @Override
    public void start() {
        var bus = vertx.eventBus();
        bus.<CreateCaseRequest>consumer(Addresses.CASE_CREATE, m -> answer(m, service::create, true));
        bus.<GetCaseRequest>consumer(Addresses.CASE_GET, m -> answer(m, r -> service.get(r.number()), false));
        bus.<TransitionCaseRequest>consumer(Addresses.CASE_TRANSITION,
                m -> answer(m, r -> service.transition(r.number(), r.transition()), true));
    }

    private <T> void answer(Message<T> message, Function<T, Future<Case>> action, boolean changes) {
        Future<Case> result;
        try {
            result = action.apply(message.body());
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        result.onSuccess(c -> {
            message.reply(c, new DeliveryOptions());
            if (changes) {
                vertx.eventBus().publish(Addresses.CASE_CHANGED, new CaseChanged(c));
            }
        }).onFailure(e -> message.fail(codeOf(e), messageOf(e)));
    }

    /** For invalid requests the failure message is the JSON list of problems, so adapters can name each field. */
    static String messageOf(Throwable e) {
        if (e instanceof ValidationException invalid) {
            return Jsons.write(invalid.problems());
        }
        return e.getMessage();
    }

    static int codeOf(Throwable e) {
        if (e instanceof ValidationException) {
            return FailureCodes.INVALID;
        }
        if (e instanceof NotFoundException) {
            return FailureCodes.NOT_FOUND;
        }
        if (e instanceof CaseConflictException) {
            return FailureCodes.CONFLICT;
        }
        if (e instanceof IllegalTransitionException) {
            return FailureCodes.ILLEGAL_TRANSITION;
        }
        if (e instanceof ReplyException re) {
            return re.failureCode();
        }
        LOG.error("case request failed", e);
        return FailureCodes.UNAVAILABLE;
    }
}
