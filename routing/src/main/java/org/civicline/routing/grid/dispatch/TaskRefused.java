package org.civicline.routing.grid.dispatch;

import org.civicline.core.bus.FailureCodes;

/** A task request that cannot be done, with the failure code it maps to and the field at fault, if any. */
public final class TaskRefused extends RuntimeException {
    private final int code;
    private final String field;

    public TaskRefused(int code, String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }

    public static TaskRefused invalid(String field, String message) {
        return new TaskRefused(FailureCodes.INVALID, field, message);
    }

    public static TaskRefused notFound(String message) {
        return new TaskRefused(FailureCodes.NOT_FOUND, null, message);
    }

    public static TaskRefused conflict(String message) {
        return new TaskRefused(FailureCodes.CONFLICT, null, message);
    }

    public int code() {
        return code;
    }

    public String field() {
        return field;
    }
}
