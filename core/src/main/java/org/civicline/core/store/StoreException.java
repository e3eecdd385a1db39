package org.civicline.core.store;

/** The store could not do what was asked (unreachable, corrupt data). Nothing was acknowledged. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
