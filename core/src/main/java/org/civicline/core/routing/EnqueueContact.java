package org.civicline.core.routing;

import org.civicline.core.model.Contact;

/** Put a stored contact (it has an id) in the one queue. */
public record EnqueueContact(Contact contact, RoutingNeeds needs) {
}
