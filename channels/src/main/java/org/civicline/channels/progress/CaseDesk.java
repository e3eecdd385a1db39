package org.civicline.channels.progress;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import org.civicline.core.bus.Addresses;
import org.civicline.core.bus.CreateCaseRequest;
import org.civicline.core.bus.GetCaseRequest;
import org.civicline.core.workflow.Case;

/** The case service as channels reach it: over the event bus, with a timeout shorter than WeChat's 5 seconds. */
public final class CaseDesk {
    private static final DeliveryOptions QUICK = new DeliveryOptions().setSendTimeout(3000);

    private final Vertx vertx;

    public CaseDesk(Vertx vertx) {
        this.vertx = vertx;
    }

    public Future<Case> create(CreateCaseRequest request) {
        return vertx.eventBus().<Case>request(Addresses.CASE_CREATE, request, QUICK).map(Message::body);
    }

    public Future<Case> get(String number) {
        return vertx.eventBus().<Case>request(Addresses.CASE_GET, new GetCaseRequest(number), QUICK)
                .map(Message::body);
    }
}
