package org.civicline.channels.intake;

import org.civicline.core.model.Contact;

/** What became of an inbound message, once it is stored: the contact that holds it and how it got there. */
public record Receipt(Contact contact, Outcome outcome) {

    public enum Outcome {
        /** A new contact was stored and queued. */
        NEW,
        /** The message joined the sender's open conversation. */
        JOINED,
        /** The same delivery came before; nothing was stored this time. */
        DUPLICATE
    }

    public boolean isDuplicate() {
        return outcome == Outcome.DUPLICATE;
    }
}
