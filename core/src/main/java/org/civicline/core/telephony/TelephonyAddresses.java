package org.civicline.core.telephony;

/**
 * The telephony contract on the event bus. The agent desk asks for call controls; everyone may listen to finished
 * call records. Requests fail with core's FailureCodes: 404 no such live call, 409 the PBX refused, 503 no PBX.
 */
public final class TelephonyAddresses {
    private TelephonyAddresses() {
    }

    /** Request {@link CallControl} → reply {@link CallControlDone}. */
    public static final String CONTROL = "civicline.telephony.control";
    /** Request {@link ClickToDial} → reply {@link CallControlDone}: rings the agent, then the resident. */
    public static final String DIAL = "civicline.telephony.dial";
    /**
     * Request {@link ListenIn} → reply {@link CallControlDone} naming the supervisor's channel, once the PBX spies on
     * the agent's call; 409 when the agent has no live call or the supervisor's phone did not answer.
     */
    public static final String LISTEN = "civicline.telephony.listen";
    /** Request (empty) → reply {@link TelephonyStatus}, from the node holding the PBX connection. */
    public static final String STATUS = "civicline.telephony.status";
    /** Notice {@link CallRecord}: a call ended and its record was stored. */
    public static final String CALL_ENDED = "civicline.telephony.call.ended";
}
