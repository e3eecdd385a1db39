package org.civicline.core.cases.followup;

import java.time.Instant;

/** A resident who asked not to be followed up (不需要回访), kept by citizen id. */
public record OptOut(String citizenId, Instant at, String recordedBy) {
    public static final String KIND = "follow-up-opt-out";
}
