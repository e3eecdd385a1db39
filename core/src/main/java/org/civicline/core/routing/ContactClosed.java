package org.civicline.core.routing;

import org.civicline.core.model.Channel;

/**
 * The agent finished the contact (hung up, closed the chat, or a callback ended): nobody holds it any more. A channel
 * ends the resident's open conversation with it, so their next message starts a new contact that is offered again
 * instead of joining one nobody will read.
 */
public record ContactClosed(String contactId, Channel channel) {
}
