package org.civicline.core.store;

/**
 * A change ({@link ContactStore#change}, {@link ReferenceStore#change}) found its record changed by another writer
 * every time it tried: the caller answers "busy, try again" rather than overwrite what the other wrote.
 */
public final class LostRaceException extends RuntimeException {
    /** How many times a change is tried before it gives up. */
    public static final int ATTEMPTS = 8;

    public LostRaceException(String what) {
        super(what + " was changed by another writer " + ATTEMPTS + " times in a row; try again");
    }
}
