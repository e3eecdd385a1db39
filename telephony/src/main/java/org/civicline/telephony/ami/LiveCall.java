package org.civicline.telephony.ami;

import java.time.Instant;
import org.civicline.core.telephony.CallRecord;

/** What the adapter knows about one hotline call while it lives: the channel running the hotline dialplan. */
final class LiveCall {
    enum Phase { ARRIVING, ENQUEUING, WAITING, CONNECTING, TALKING, HELD, ENDED }

    final String uniqueId;
    final String linkedId;
    final String channel;
    final Instant startedAt;
    /** When the PBX stamped the Newchannel (wall clock, µs), for the intake latency figure. */
    final double pbxTimestamp;
    final StringBuilder digits = new StringBuilder();
    String callerNumber;
    String line;
    String ivrChoice;
    String recording;
    Instant queuedAt;
    Instant answeredAt;
    String contactId;
    String agentId;
    String agentExtension;
    String bridgeId;
    /** The channel of the agent (or transfer target) in the caller's bridge. */
    String agentChannel;
    /** ContactFinished was sent already (the first agent handed the call over in a transfer). */
    boolean finishSent;
    boolean agentLeftFirst;
    /** Set when the agent's desk asked us to hang up, so the record names the right side. */
    CallRecord.HangupSide requestedHangup;
    Phase phase = Phase.ARRIVING;
    /** The router acknowledged the contact; until then a reconciliation queues it again. */
    boolean queued;
    /** The call ended while its contact was being stored; finish it once that is done. */
    Instant endedWhileEnqueuing;

    LiveCall(String uniqueId, String linkedId, String channel, Instant startedAt, double pbxTimestamp) {
        this.uniqueId = uniqueId;
        this.linkedId = linkedId == null ? uniqueId : linkedId;
        this.channel = channel;
        this.startedAt = startedAt;
        this.pbxTimestamp = pbxTimestamp;
    }

    String idempotencyKey() {
        return "ami:" + uniqueId;
    }

    String effectiveIvrChoice() {
        if (ivrChoice != null) {
            return ivrChoice;
        }
        return digits.length() == 0 ? null : digits.toString();
    }
}
