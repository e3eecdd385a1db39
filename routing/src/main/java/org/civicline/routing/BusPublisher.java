package org.civicline.routing;

import io.vertx.core.eventbus.EventBus;
import org.civicline.core.model.Channel;
import org.civicline.core.routing.AgentStatus;
import org.civicline.core.routing.ContactAssigned;
import org.civicline.core.routing.ContactClosed;
import org.civicline.core.routing.OfferMade;
import org.civicline.core.routing.OfferWithdrawn;
import org.civicline.core.routing.RoutingAddresses;
import org.civicline.core.routing.SupervisorAlert;
import org.civicline.routing.engine.RoutingListener;

/** Publishes the router's decisions on the event bus: to everyone, and to the agent's own desk. */
final class BusPublisher implements RoutingListener {
    private final EventBus bus;
    private final java.util.function.Consumer<Runnable> whenStored;

    /** {@code whenStored}: defers a publication until the router call's queue writes are stored. */
    BusPublisher(EventBus bus, java.util.function.Consumer<Runnable> whenStored) {
        this.bus = bus;
        this.whenStored = whenStored;
    }

    @Override
    public void offerMade(OfferMade offer) {
        bus.publish(RoutingAddresses.OFFER_MADE, offer);
        bus.publish(RoutingAddresses.agentAddress(offer.agentId()), offer);
    }

    @Override
    public void offerWithdrawn(OfferWithdrawn withdrawn) {
        bus.publish(RoutingAddresses.OFFER_WITHDRAWN, withdrawn);
        bus.publish(RoutingAddresses.agentAddress(withdrawn.agentId()), withdrawn);
    }

    @Override
    public void assigned(ContactAssigned assignment, String queue, long waitedMillis) {
        // Telephony bridges the call on this: only once the store has taken the contact out of the queue.
        whenStored.accept(() -> {
            bus.publish(RoutingAddresses.ASSIGNED, assignment);
            bus.publish(RoutingAddresses.agentAddress(assignment.agentId()), assignment);
        });
    }

    @Override
    public void reassigned(ContactAssigned assignment) {
        bus.publish(RoutingAddresses.ASSIGNED, assignment);
        bus.publish(RoutingAddresses.agentAddress(assignment.agentId()), assignment);
    }

    @Override
    public void agentStatus(AgentStatus status) {
        bus.publish(RoutingAddresses.AGENT_STATUS, status);
        bus.publish(RoutingAddresses.agentAddress(status.agentId()), status);
    }

    @Override
    public void finished(String contactId, Channel channel, String queue, long handleMillis) {
        bus.publish(RoutingAddresses.CLOSED, new ContactClosed(contactId, channel));
    }

    @Override
    public void alert(SupervisorAlert alert) {
        bus.publish(RoutingAddresses.SUPERVISOR_ALERT, alert);
    }
}
