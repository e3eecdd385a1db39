package org.civicline.core.routing;

import java.time.Instant;
import java.util.Set;

/** The calls the PBX has now, by Asterisk Uniqueid (or Twilio CallSid), as telephony last read them. */
public record LiveCalls(Set<String> uniqueIds, Instant at) {
    public LiveCalls {
        uniqueIds = uniqueIds == null ? Set.of() : Set.copyOf(uniqueIds);
    }
}
