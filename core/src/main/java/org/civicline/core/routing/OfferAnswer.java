package org.civicline.core.routing;

/** An agent's answer to an offer; a rejection may give a reason. */
public record OfferAnswer(String offerId, String agentId, boolean accept, String reason) {
}
