package org.civicline.core.routing;

import org.civicline.core.model.CallReference;
import org.civicline.core.model.Channel;

/** Exactly one agent now holds the contact: bridge the call to {@code agentExtension}, or open the chat. */
public record ContactAssigned(String contactId, String agentId, String agentExtension, Channel channel,
                              CallReference call, boolean callback, String callbackPhone) {
}
