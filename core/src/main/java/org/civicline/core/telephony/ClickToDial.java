package org.civicline.core.telephony;

/**
 * Ring the agent's phone at {@code agentExtension}, and when the agent answers, call {@code phone} showing the
 * hotline number {@code line} (the configured hotline caller ID when null). {@code contactId} links the call to the
 * callback's contact.
 */
public record ClickToDial(String contactId, String agentId, String agentExtension, String phone, String line) {
}
