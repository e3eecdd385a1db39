package org.civicline.core.routing;

/** An offer that no longer stands. */
public record OfferWithdrawn(String offerId, String contactId, String agentId, Reason reason) {
    public enum Reason { REJECTED, TIMED_OUT, AGENT_LEFT, CONTACT_ABANDONED }
}
