package org.civicline.telephony.ami;

import org.asteriskjava.manager.action.FilterAction;

/**
 * The events CivicLine reads, as an AMI {@code Filter} the PBX applies to this session: Asterisk then leaves out the
 * rest (Newstate, DialBegin, MusicOnHold…, a busy PBX's bulk), and Asterisk-Java never parses them — parsing an event
 * costs it a reflective setter and a regular expression per header. Action responses (CoreShowChannel lists) are not
 * filtered by Asterisk. BridgeCreate is read by Asterisk-Java itself (its bridge bookkeeping logs an error for every
 * BridgeEnter into a bridge it never saw created). Over-matching is harmless ({@code Hangup} also lets HangupRequest through); missing an event
 * here would silently blind the tracker, so the list is checked against what the tracker reads in a test.
 */
final class AmiEventFilter {
    /** Asterisk matches the regular expression anywhere in the event's text; the events start with this header. */
    static final String WHITELIST = "Event: (Newchannel|NewCallerid|Newexten|VarSet|BridgeCreate|BridgeEnter"
            + "|BridgeLeave|BridgeDestroy|Hangup|DTMFEnd|OriginateResponse|ChanSpyStart|ChanSpyStop)";

    private AmiEventFilter() {
    }

    static FilterAction action() {
        return new FilterAction(WHITELIST); // Asterisk-Java sends Operation: Add
    }
}
