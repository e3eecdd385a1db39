package org.civicline.core.bus;

import java.time.Instant;

/**
 * Request from telephony's one-touch hook: is {@code callerNumber} a registered alarm device? → reply Boolean. A
 * {@code true} answer means the call is an alarm: the device registry opens (or joins) the alarm with its case,
 * worker dispatch and family SMS, while telephony queues the call itself as the ONE_TOUCH contact.
 */
public record OneTouchCallLookup(String callerNumber, String callId, Instant at) {
    public static final String ADDRESS = "civicline.devices.call";
}
