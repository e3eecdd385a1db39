package org.civicline.core.routing;

import java.time.Instant;
import org.civicline.core.model.Channel;
import org.civicline.core.model.Priority;

/** The router reserved a contact for one agent until {@code expiresAt}; the agent accepts or rejects. */
public record OfferMade(String offerId, String contactId, String agentId, Channel channel, Priority priority,
                        String sender, Instant waitingSince, Instant expiresAt, boolean callback) {
}
