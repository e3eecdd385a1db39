package org.civicline.core.bus;

/** Failure codes carried by {@code ReplyException}s on the bus; HTTP-like so that adapters map them 1:1. */
public final class FailureCodes {
    private FailureCodes() {
    }

    /** The failure message is a JSON array of {@code {"field": …, "message": …}}. */
    public static final int INVALID = 400;
    public static final int NOT_FOUND = 404;
    public static final int CONFLICT = 409;
    public static final int ILLEGAL_TRANSITION = 422;
    public static final int UNAVAILABLE = 503;
}
