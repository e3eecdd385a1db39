package org.civicline.core.store;

/** What was asked for does not exist. */
public final class NotFoundException extends StoreException {
    public NotFoundException(String message) {
        super(message);
    }
}
