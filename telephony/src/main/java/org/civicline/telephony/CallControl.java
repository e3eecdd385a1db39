package org.civicline.telephony;

/**
 * An agent's control on the call of {@code contactId}. {@code target} is the agent extension for
 * {@link Operation#TRANSFER_TO_AGENT} and the phone number for {@link Operation#TRANSFER_TO_NUMBER}.
 */
public record CallControl(String contactId, Operation operation, String target) {
    public enum Operation { HANG_UP, HOLD, UNHOLD, TRANSFER_TO_AGENT, TRANSFER_TO_NUMBER }
}
