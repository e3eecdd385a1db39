package org.civicline.routing.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.civicline.core.model.Channel;
import org.civicline.core.routing.AgentStatus;
import org.civicline.core.routing.CallbackOutcome;
import org.civicline.core.routing.ContactAssigned;
import org.civicline.core.routing.OfferMade;
import org.civicline.core.routing.OfferWithdrawn;
import org.civicline.core.routing.QueueEntry;
import org.civicline.core.routing.SupervisorAlert;

/** Keeps everything the router said, in order. */
final class Recorder implements RoutingListener {
    final List<OfferMade> offers = new ArrayList<>();
    final List<OfferWithdrawn> withdrawn = new ArrayList<>();
    final List<ContactAssigned> assigned = new ArrayList<>();
    final List<AgentStatus> statuses = new ArrayList<>();
    final List<SupervisorAlert> alerts = new ArrayList<>();
    final Map<String, QueueEntry> stored = new HashMap<>();
    final List<String> abandoned = new ArrayList<>();
    final List<org.civicline.core.routing.ContactAssigned> reassigned = new ArrayList<>();
    final List<String> callbacks = new ArrayList<>();
    final List<Instant> callbackTimes = new ArrayList<>();
    final List<String> callbackClosed = new ArrayList<>();

    @Override
    public void offerMade(OfferMade offer) {
        offers.add(offer);
    }

    @Override
    public void offerWithdrawn(OfferWithdrawn w) {
        withdrawn.add(w);
    }

    @Override
    public void assigned(ContactAssigned a, String queue, long waitedMillis) {
        assigned.add(a);
    }

    @Override
    public void agentStatus(AgentStatus status) {
        statuses.add(status);
    }

    @Override
    public void alert(SupervisorAlert alert) {
        alerts.add(alert);
    }

    @Override
    public void entrySaved(QueueEntry entry) {
        stored.put(entry.contactId(), entry);
    }

    @Override
    public void reassigned(org.civicline.core.routing.ContactAssigned assignment) {
        reassigned.add(assignment);
    }

    @Override
    public void entryRemoved(String contactId) {
        stored.remove(contactId);
    }

    @Override
    public void abandoned(String contactId, Channel channel, String queue, long waitedMillis) {
        abandoned.add(contactId);
    }

    @Override
    public void callbackCreated(String contactId, int attempt, Instant notBefore) {
        callbacks.add(contactId + "#" + attempt);
        callbackTimes.add(notBefore);
    }

    @Override
    public void callbackClosed(String contactId, CallbackOutcome.Result result, int attempt, boolean givingUp) {
        callbackClosed.add(contactId + "#" + attempt + ":" + result + (givingUp ? ":gave-up" : ""));
    }

    OfferMade lastOffer() {
        return offers.get(offers.size() - 1);
    }

    List<String> offeredContacts() {
        return offers.stream().map(OfferMade::contactId).toList();
    }
}
