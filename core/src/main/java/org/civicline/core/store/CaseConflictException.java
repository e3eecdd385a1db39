package org.civicline.core.store;

/** Another writer changed the case first; the caller should reload and decide again. */
public final class CaseConflictException extends StoreException {
    public CaseConflictException(String message) {
        super(message);
    }
}
