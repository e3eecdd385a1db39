package org.civicline.core.store;

import java.security.SecureRandom;
import java.time.Instant;

/** Identifiers that sort by creation time and do not collide across nodes: base-36 millis + 64 random bits. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String next(String prefix, Instant at) {
        return prefix + Long.toString(at.toEpochMilli(), 36) + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
    }
}
