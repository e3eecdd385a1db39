package org.civicline.core.routing;

import java.time.Instant;

/**
 * Call the resident back instead of keeping them waiting. For a contact still in the queue the callback keeps its
 * place; {@code notBefore} asks for a later time.
 */
public record CallbackRequest(String contactId, String phone, Instant notBefore, String reason) {
}
