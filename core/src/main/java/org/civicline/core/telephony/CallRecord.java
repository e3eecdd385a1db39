package org.civicline.core.telephony;

import java.time.Instant;

/**
 * What happened on one call, kept with its contact: when it started, was answered and ended, how long the resident
 * waited and talked, who took it, who hung up, and the recording's file name.
 */
public record CallRecord(
        String contactId,
        String uniqueId,
        String line,
        String callerNumber,
        Instant startedAt,
        Instant queuedAt,
        Instant answeredAt,
        Instant endedAt,
        long waitingSeconds,
        long talkSeconds,
        String agentId,
        String agentExtension,
        HangupSide hangupSide,
        Outcome outcome,
        String recordingFile) {
    /** The kind under which records are kept in the reference store, keyed by contact id. */
    public static final String STORE_KIND = "call-record";


    public enum HangupSide { CALLER, AGENT, SYSTEM, UNKNOWN }

    public enum Outcome { ANSWERED, ABANDONED, ENDED_DURING_OUTAGE }
}
