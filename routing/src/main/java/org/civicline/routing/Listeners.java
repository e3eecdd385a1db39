package org.civicline.routing;

import java.time.Instant;
import java.util.List;
import org.civicline.core.model.Channel;
import org.civicline.core.routing.AgentStatus;
import org.civicline.core.routing.CallbackOutcome;
import org.civicline.core.routing.ContactAssigned;
import org.civicline.core.routing.OfferMade;
import org.civicline.core.routing.OfferWithdrawn;
import org.civicline.core.routing.Presence;
import org.civicline.core.routing.QueueEntry;
import org.civicline.core.routing.SupervisorAlert;
import org.civicline.routing.engine.RoutingListener;

/** Hands every router event to each listener, in order. */
final class Listeners implements RoutingListener {
    private final List<RoutingListener> all;

    Listeners(List<RoutingListener> all) {
        this.all = List.copyOf(all);
    }

    @Override
    public void offerMade(OfferMade offer) {
        all.forEach(l -> l.offerMade(offer));
    }

    @Override
    public void offerWithdrawn(OfferWithdrawn withdrawn) {
        all.forEach(l -> l.offerWithdrawn(withdrawn));
    }

    @Override
    public void assigned(ContactAssigned assignment, String queue, long waitedMillis) {
        all.forEach(l -> l.assigned(assignment, queue, waitedMillis));
    }

    @Override
    public void reassigned(ContactAssigned assignment) {
        all.forEach(l -> l.reassigned(assignment));
    }

    @Override
    public void agentStatus(AgentStatus status) {
        all.forEach(l -> l.agentStatus(status));
    }

    @Override
    public void alert(SupervisorAlert alert) {
        all.forEach(l -> l.alert(alert));
    }

    @Override
    public void entrySaved(QueueEntry entry) {
        all.forEach(l -> l.entrySaved(entry));
    }

    @Override
    public void entryRemoved(String contactId) {
        all.forEach(l -> l.entryRemoved(contactId));
    }

    @Override
    public void entryFinished(String contactId, Instant at) {
        all.forEach(l -> l.entryFinished(contactId, at));
    }

    @Override
    public void finishedAsked(String contactId, Instant finishedAt) {
        all.forEach(l -> l.finishedAsked(contactId, finishedAt));
    }

    @Override
    public void entered(String contactId, Channel channel, String queue, Instant at) {
        all.forEach(l -> l.entered(contactId, channel, queue, at));
    }

    @Override
    public void abandoned(String contactId, Channel channel, String queue, long waitedMillis) {
        all.forEach(l -> l.abandoned(contactId, channel, queue, waitedMillis));
    }

    @Override
    public void finished(String contactId, Channel channel, String queue, long handleMillis) {
        all.forEach(l -> l.finished(contactId, channel, queue, handleMillis));
    }

    @Override
    public void callbackCreated(String contactId, int attempt, Instant notBefore) {
        all.forEach(l -> l.callbackCreated(contactId, attempt, notBefore));
    }

    @Override
    public void callbackClosed(String contactId, CallbackOutcome.Result result, int attempt, boolean givingUp) {
        all.forEach(l -> l.callbackClosed(contactId, result, attempt, givingUp));
    }

    @Override
    public void presenceChanged(String agentId, Presence from, Presence to, long at) {
        all.forEach(l -> l.presenceChanged(agentId, from, to, at));
    }
}
