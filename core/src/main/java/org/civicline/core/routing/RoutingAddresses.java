package org.civicline.core.routing;

/**
 * The routing contract on the event bus. Channels and telephony put contacts in the one queue and report what
 * happens to them; the router offers them to agents and tells everyone the outcome.
 */
public final class RoutingAddresses {
    private RoutingAddresses() {
    }

    /** Request {@link EnqueueContact} → reply {@link ContactQueued}. A contact already queued is not queued twice. */
    public static final String ENQUEUE = "civicline.routing.enqueue";
    /** Request {@link ContactAbandoned} (caller hung up while waiting) → reply {@link ContactQueued} or 404. */
    public static final String ABANDON = "civicline.routing.abandon";
    /** Request {@link CallbackRequest}: turn a waiting contact into a callback that keeps its place. */
    public static final String REQUEST_CALLBACK = "civicline.routing.callback.request";
    /** Request {@link CallbackOutcome}: what happened when the agent dialled. */
    public static final String CALLBACK_OUTCOME = "civicline.routing.callback.outcome";
    /** Request {@link OfferAnswer} → reply {@link ContactAssigned} when accepted, empty when rejected; 409 if gone. */
    public static final String ANSWER_OFFER = "civicline.routing.offer.answer";
    /**
     * Request (the agent id) → JSON {@code {"offer": OfferMade or null}}: the offer standing for the agent now, so a
     * desk that reconnected (to any node) shows it again and can still answer it.
     */
    public static final String STANDING_OFFER = "civicline.routing.offer.standing";
    /** Request {@link ContactFinished}: the agent hung up or closed the chat; wrap-up starts. */
    public static final String FINISH = "civicline.routing.finish";
    /** Request {@link ContactReturned} → reply {@link ContactQueued}; 404 when the agent does not hold it. */
    public static final String RETURN = "civicline.routing.return";
    /** Request {@link AgentPresenceChange} → reply {@link AgentStatus}. */
    public static final String PRESENCE = "civicline.routing.agent.presence";

    /** Notice {@link OfferMade}, also sent to {@link #agentAddress}. */
    public static final String OFFER_MADE = "civicline.routing.offer.made";
    /** Notice {@link OfferWithdrawn}. */
    public static final String OFFER_WITHDRAWN = "civicline.routing.offer.withdrawn";
    /** Notice {@link ContactAssigned}: telephony bridges the call, channels route the chat. */
    public static final String ASSIGNED = "civicline.routing.assigned";
    /** Notice {@link AgentStatus} whenever an agent's presence changes. */
    public static final String AGENT_STATUS = "civicline.routing.agent.status";
    /** Notice {@link ContactClosed}: an agent finished a contact. */
    public static final String CLOSED = "civicline.routing.contact.closed";
    /** Notice {@link SupervisorAlert}. */
    public static final String SUPERVISOR_ALERT = "civicline.routing.alert";
    /**
     * Notice (body: the new router's fencing token as text): a router has just started — at boot, or on another node
     * after the one that ran it died. It knows the waiting contacts (from the store) but not who is at their desk, so
     * the desks' nodes announce their agents' presence again.
     */
    public static final String ROUTER_STARTED = "civicline.routing.router.started";
    /** Notice: the live queue figures, pushed for the wallboard. */
    public static final String LIVE_STATS = "civicline.routing.stats.live";

    /**
     * Request (empty body) → reply {@link LiveCalls}: telephony's answer to the router's periodic reconciliation;
     * a waiting voice contact whose call the PBX no longer has is abandoned.
     */
    public static final String LIVE_CALLS = "civicline.telephony.calls.live";

    /** Where one agent's desk listens for its own offers and state. */
    public static String agentAddress(String agentId) {
        return "civicline.agent." + agentId;
    }
}
