package org.civicline.routing.engine;

import java.time.Instant;
import org.civicline.core.model.Channel;
import org.civicline.core.routing.AgentStatus;
import org.civicline.core.routing.CallbackOutcome;
import org.civicline.core.routing.ContactAssigned;
import org.civicline.core.routing.OfferMade;
import org.civicline.core.routing.OfferWithdrawn;
import org.civicline.core.routing.Presence;
import org.civicline.core.routing.QueueEntry;
import org.civicline.core.routing.SupervisorAlert;

/**
 * What the router tells the world, in the order it decided. The bus publisher, the store writer and the statistics
 * each listen; all are called on the router's thread and must not block.
 */
public interface RoutingListener {

    default void offerMade(OfferMade offer) {
    }

    default void offerWithdrawn(OfferWithdrawn withdrawn) {
    }

    /** {@code waitedMillis}: from entering the queue to the accept. */
    default void assigned(ContactAssigned assignment, String queue, long waitedMillis) {
    }

    /**
     * A contact an agent already holds was handed in again (a call the PBX still has waiting after a take-over): the
     * assignment is told once more so that the call reaches the agent. Not a new answer in the figures.
     */
    default void reassigned(ContactAssigned assignment) {
    }

    default void agentStatus(AgentStatus status) {
    }

    default void alert(SupervisorAlert alert) {
    }

    /** The entry must be (re)written to the queue store. */
    default void entrySaved(QueueEntry entry) {
    }

    /** The entry left the queue (assigned, abandoned, given up). */
    default void entryRemoved(String contactId) {
    }

    /** The entry left the queue because its agent finished it at {@code at}: the store remembers it finished. */
    default void entryFinished(String contactId, Instant at) {
        entryRemoved(contactId);
    }

    /** A request to queue a contact an agent finished at {@code finishedAt} came late, and was not queued again. */
    default void finishedAsked(String contactId, Instant finishedAt) {
    }

    /** A contact entered the queue (counted as offered to the center). */
    default void entered(String contactId, Channel channel, String queue, Instant at) {
    }

    default void abandoned(String contactId, Channel channel, String queue, long waitedMillis) {
    }

    /** The agent finished the contact; {@code handleMillis} runs from the accept to the end of wrap-up's start. */
    default void finished(String contactId, Channel channel, String queue, long handleMillis) {
    }

    default void callbackCreated(String contactId, int attempt, Instant notBefore) {
    }

    default void callbackClosed(String contactId, CallbackOutcome.Result result, int attempt, boolean givingUp) {
    }

    /** Every presence change, for occupancy: {@code busy} tells whether the agent held any contact. */
    default void presenceChanged(String agentId, Presence from, Presence to, long at) {
    }
}
