package org.civicline.telephony.ami;

import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import org.asteriskjava.manager.action.AtxferAction;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.RedirectAction;
import org.civicline.core.bus.FailureCodes;
import org.civicline.core.routing.ContactAssigned;
import org.civicline.core.routing.ContactReturned;
import org.civicline.core.telephony.CallControl;
import org.civicline.core.telephony.CallControlDone;
import org.civicline.core.telephony.CallRecord;
import org.civicline.core.telephony.ClickToDial;
import org.civicline.telephony.TelephonyConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves calls with AMI actions: to the assigned agent (Redirect, or Originate the agent and Bridge on answer),
 * and the agent's controls — hang up, hold (Redirect to music on hold) and back, blind transfer to another agent
 * or a department's number — plus click-to-dial (Originate the agent, then the resident with the hotline's number).
 */
final class AmiCallControl {
    private static final Logger LOG = LoggerFactory.getLogger(AmiCallControl.class);
    private static final long RING_MILLIS = 30_000;
    /** What may be dialled: digits only, so nothing reaches the dialplan that could change its meaning. */
    private static final String NUMBER = "\\+?\\d{3,20}";
    /** An agent endpoint: "8002" or "PJSIP/8002". */
    private static final String AGENT = "([A-Za-z]{2,10}/)?\\d{2,10}";

    private final AmiClient client;
    private final AmiCallTracker tracker;
    private final TelephonyConfig config;

    private final java.util.function.Consumer<ContactReturned> returned;

    AmiCallControl(AmiClient client, AmiCallTracker tracker, TelephonyConfig config,
                   java.util.function.Consumer<ContactReturned> returned) {
        this.client = client;
        this.tracker = tracker;
        this.config = config;
        this.returned = returned;
    }

    void onAssigned(ContactAssigned assigned) {
        if (assigned.callback()) {
            if (assigned.callbackPhone() != null && assigned.agentExtension() != null) {
                dial(new ClickToDial(assigned.contactId(), assigned.agentId(), assigned.agentExtension(),
                        assigned.callbackPhone(), assigned.call() == null ? null : assigned.call().line()))
                        .onFailure(e -> LOG.warn("callback {} not dialled: {}", assigned.contactId(), e.getMessage()));
            }
            return;
        }
        // Another node's call, or not a call at all: nothing to do here.
        tracker.byContact(assigned.contactId()).ifPresent(call -> {
            tracker.assigned(call, assigned.agentId(), assigned.agentExtension());
            send(call.contactId, call.channel, toAgent(call, assigned.agentExtension()))
                    .onFailure(e -> {
                        LOG.warn("call {} not moved to agent {}: {}", call.uniqueId, assigned.agentExtension(),
                                e.getMessage());
                        // The caller is still waiting: give the call back to the router for another agent.
                        returned.accept(new ContactReturned(call.contactId, assigned.agentId(),
                                "the PBX could not move the call: " + e.getMessage()));
                    });
        });
    }

    /** The dialplan extension of an agent endpoint given as "8001" or "PJSIP/8001". */
    static String exten(String endpoint) {
        return endpoint == null ? null : endpoint.substring(endpoint.lastIndexOf('/') + 1);
    }

    /** The channel to originate to: the endpoint as given, or the configured pattern around a bare extension. */
    private String channelOf(String endpoint) {
        return endpoint.contains("/") ? endpoint : String.format(config.dialplan().agentChannel(), endpoint);
    }

    private ManagerAction toAgent(LiveCall call, String extension) {
        TelephonyConfig.Dialplan plan = config.dialplan();
        if (config.assignMode() == TelephonyConfig.AssignMode.REDIRECT) {
            return new RedirectAction(call.channel, plan.agentContext(), exten(extension), 1);
        }
        OriginateAction originate = new OriginateAction();
        originate.setChannel(channelOf(extension));
        originate.setApplication("Bridge");
        originate.setData(call.channel);
        originate.setCallerId(call.callerNumber == null ? "" : call.callerNumber);
        originate.setTimeout(RING_MILLIS);
        originate.setAsync(true);
        return originate;
    }

    Future<CallControlDone> control(CallControl request) {
        var found = tracker.byContact(request.contactId());
        if (found.isEmpty()) {
            return Future.failedFuture(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, FailureCodes.NOT_FOUND,
                    "no live call for contact " + request.contactId()));
        }
        LiveCall call = found.get();
        TelephonyConfig.Dialplan plan = config.dialplan();
        boolean needsTarget = request.operation() == CallControl.Operation.TRANSFER_TO_AGENT
                || request.operation() == CallControl.Operation.TRANSFER_TO_NUMBER
                || request.operation() == CallControl.Operation.CONSULT_AGENT;
        String pattern = request.operation() == CallControl.Operation.TRANSFER_TO_NUMBER ? NUMBER : AGENT;
        if (request.operation() == null || needsTarget && (request.target() == null
                || !request.target().matches(pattern))) {
            return Future.failedFuture(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, FailureCodes.INVALID,
                    "an operation, and for a transfer a target of digits, are required"));
        }
        boolean needsAgentLeg = request.operation() == CallControl.Operation.CONSULT_AGENT
                || request.operation() == CallControl.Operation.COMPLETE_TRANSFER;
        if (needsAgentLeg && call.agentChannel == null) {
            return Future.failedFuture(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, FailureCodes.CONFLICT,
                    "the call is not with an agent"));
        }
        if (request.operation() == CallControl.Operation.UNHOLD && call.agentExtension == null) {
            return Future.failedFuture(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, FailureCodes.CONFLICT,
                    "the call has no agent to go back to"));
        }
        ManagerAction action = switch (request.operation()) {
            case HANG_UP -> {
                call.requestedHangup = CallRecord.HangupSide.AGENT;
                yield new HangupAction(call.channel, 16);
            }
            case HOLD -> new RedirectAction(call.channel, plan.holdContext(), "s", 1);
            case UNHOLD -> new RedirectAction(call.channel, plan.agentContext(), exten(call.agentExtension), 1);
            case TRANSFER_TO_AGENT -> new RedirectAction(call.channel, plan.agentContext(), exten(request.target()), 1);
            case TRANSFER_TO_NUMBER -> new RedirectAction(call.channel, plan.outboundContext(), request.target(), 1);
            case CONSULT_AGENT -> new AtxferAction(call.agentChannel, plan.agentContext(), exten(request.target()), 1);
            // The transferring agent leaves: Asterisk joins the caller and the consulted agent.
            case COMPLETE_TRANSFER -> new HangupAction(call.agentChannel, 16);
        };
        return send(call.contactId, call.channel, action);
    }

    Future<CallControlDone> dial(ClickToDial request) {
        if (request.agentExtension() == null || request.phone() == null || !request.phone().matches(NUMBER)) {
            return Future.failedFuture(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, FailureCodes.INVALID,
                    "agentExtension and a phone number of digits are required"));
        }
        OriginateAction originate = new OriginateAction();
        String agentChannel = channelOf(request.agentExtension());
        originate.setChannel(agentChannel);
        originate.setContext(config.dialplan().outboundContext());
        originate.setExten(request.phone());
        originate.setPriority(1);
        originate.setCallerId(request.line() == null ? config.hotlineCallerId() : request.line());
        originate.setTimeout(RING_MILLIS);
        originate.setAsync(true);
        if (request.contactId() != null) {
            originate.setVariable("CIVICLINE_CONTACT", request.contactId());
        }
        return send(request.contactId(), agentChannel, originate);
    }

    private Future<CallControlDone> send(String contactId, String channel, ManagerAction action) {
        if (!client.isConnected()) {
            return Future.failedFuture(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, FailureCodes.UNAVAILABLE,
                    "the PBX is not connected"));
        }
        return client.send(action)
                .map(response -> new CallControlDone(contactId, channel, response.getMessage()))
                .recover(e -> Future.failedFuture(new ReplyException(ReplyFailure.RECIPIENT_FAILURE,
                        FailureCodes.CONFLICT, e.getMessage())));
    }
}
