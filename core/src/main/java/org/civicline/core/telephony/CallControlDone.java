package org.civicline.core.telephony;

/** The PBX accepted the control; {@code channel} is the channel it acted on. */
public record CallControlDone(String contactId, String channel, String message) {
}
