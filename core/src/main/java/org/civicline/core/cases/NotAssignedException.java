package org.civicline.core.cases;

/** Someone acted on a case that is not theirs: a department on a case dispatched elsewhere. */
public final class NotAssignedException extends RuntimeException {
    public NotAssignedException(String message) {
        super(message);
    }
}
