package org.civicline.core.telephony;

/**
 * An agent's control on the call of {@code contactId}. {@code target} is the agent extension for
 * {@link Operation#TRANSFER_TO_AGENT} and {@link Operation#CONSULT_AGENT}, the phone number for
 * {@link Operation#TRANSFER_TO_NUMBER}. A consultation (attended transfer) puts the caller on hold while the agent
 * talks to the other agent; {@link Operation#COMPLETE_TRANSFER} (or the agent hanging up) joins caller and target.
 */
public record CallControl(String contactId, Operation operation, String target) {
    public enum Operation { HANG_UP, HOLD, UNHOLD, TRANSFER_TO_AGENT, TRANSFER_TO_NUMBER, CONSULT_AGENT, COMPLETE_TRANSFER }
}
