package org.civicline.core.telephony;

/**
 * A supervisor listens in on the call agent {@code agentId} is on now: the PBX rings {@code supervisorExtension}
 * (an extension such as "9001" or an endpoint such as "PJSIP/9001") and, when answered, lets it hear the agent's call
 * without being heard. {@code supervisor} names who asked, for the log.
 */
public record ListenIn(String agentId, String supervisorExtension, String supervisor) {
}
