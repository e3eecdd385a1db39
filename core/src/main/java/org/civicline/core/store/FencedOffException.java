package org.civicline.core.store;

/** A write by a node that is no longer the leader: a newer leader's fencing token is in force. */
public final class FencedOffException extends StoreException {
    public FencedOffException(String message) {
        super(message);
    }
}
