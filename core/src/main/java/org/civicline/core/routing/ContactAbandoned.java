package org.civicline.core.routing;

import java.time.Instant;

/** The caller hung up before an agent took the call; {@code callerNumber} null or empty when withheld. */
public record ContactAbandoned(String contactId, Instant at, String callerNumber) {
}
