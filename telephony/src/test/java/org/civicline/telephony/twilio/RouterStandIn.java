package org.civicline.telephony.twilio;

import io.vertx.core.Vertx;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.civicline.core.routing.ContactAbandoned;
import org.civicline.core.routing.ContactFinished;
import org.civicline.core.routing.ContactQueued;
import org.civicline.core.routing.ContactReturned;
import org.civicline.core.routing.EnqueueContact;
import org.civicline.core.routing.RoutingAddresses;

/** Stands in for the router on a node's bus: answers what telephony asks of it and keeps each request. */
final class RouterStandIn {
    final BlockingQueue<EnqueueContact> enqueued = new LinkedBlockingQueue<>();
    final BlockingQueue<ContactAbandoned> abandoned = new LinkedBlockingQueue<>();
    final BlockingQueue<ContactReturned> returned = new LinkedBlockingQueue<>();
    final BlockingQueue<ContactFinished> finished = new LinkedBlockingQueue<>();

    RouterStandIn(Vertx vertx) {
        vertx.eventBus().<EnqueueContact>consumer(RoutingAddresses.ENQUEUE, m -> {
            enqueued.add(m.body());
            m.reply(new ContactQueued(m.body().contact().id(), false, 1));
        });
        vertx.eventBus().<ContactAbandoned>consumer(RoutingAddresses.ABANDON, m -> {
            abandoned.add(m.body());
            m.reply(new ContactQueued(m.body().contactId(), true, 1));
        });
        vertx.eventBus().<ContactReturned>consumer(RoutingAddresses.RETURN, m -> {
            returned.add(m.body());
            m.reply(new ContactQueued(m.body().contactId(), false, 1));
        });
        vertx.eventBus().<ContactFinished>consumer(RoutingAddresses.FINISH, m -> {
            finished.add(m.body());
            m.reply(m.body());
        });
    }
}
