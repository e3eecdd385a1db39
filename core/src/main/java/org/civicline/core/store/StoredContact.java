package org.civicline.core.store;

import org.civicline.core.model.Contact;

/** The contact as stored, and whether this call stored it ({@code created}) or found an earlier delivery. */
public record StoredContact(Contact contact, boolean created) {
}
