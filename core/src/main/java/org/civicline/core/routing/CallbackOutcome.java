package org.civicline.core.routing;

/** What came of dialling a callback. */
public record CallbackOutcome(String contactId, String agentId, Result result) {
    public enum Result { REACHED, NO_ANSWER, BUSY, WRONG_NUMBER }
}
