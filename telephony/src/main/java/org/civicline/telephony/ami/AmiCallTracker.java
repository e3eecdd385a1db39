package org.civicline.telephony.ami;

import io.vertx.core.eventbus.ReplyException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.BridgeDestroyEvent;
import org.asteriskjava.manager.event.BridgeLeaveEvent;
import org.asteriskjava.manager.event.DtmfEndEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewCallerIdEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.NewExtenEvent;
import org.asteriskjava.manager.event.VarSetEvent;
import org.civicline.core.bus.FailureCodes;
import org.civicline.core.telephony.CallRecord;
import org.civicline.telephony.TelephonyConfig;
import org.civicline.telephony.calls.CallRecords;
import org.civicline.telephony.calls.VoiceIntake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows hotline calls through AMI events and drives their contacts: a channel entering the hotline context is a
 * call; its line, IVR choice and recording come from VarSet and DTMF; when the dialplan reaches the hold step the
 * contact is stored and queued; a bridge means an agent answered; Hangup ends it (abandoned while waiting).
 * Runs on one Vert.x context only.
 */
public final class AmiCallTracker {
    private static final Logger LOG = LoggerFactory.getLogger(AmiCallTracker.class);

    private final TelephonyConfig config;
    private final VoiceIntake intake;
    private final CallRecords records;
    private final Clock clock;
    private final Map<String, LiveCall> byUniqueId = new HashMap<>();
    private final Map<String, LiveCall> byContactId = new HashMap<>();
    private final Map<String, LiveCall> byBridge = new HashMap<>();
    /** Channels that entered a bridge before the caller did (Originate mode: the agent answers first). */
    private final Map<String, String> earlierInBridge = new HashMap<>();
    private final IntakeFigures figures = new IntakeFigures();
    public AmiCallTracker(TelephonyConfig config, VoiceIntake intake, CallRecords records, Clock clock) {
        this.config = config;
        this.intake = intake;
        this.records = records;
        this.clock = clock;
    }

    public void onEvent(ManagerEvent event) {
        if (event instanceof NewChannelEvent e) {
            newChannel(e.getUniqueId(), e.getLinkedid(), e.getChannel(), e.getContext(), e.getExten(),
                    e.getCallerIdNum(), e.getTimestamp());
        } else if (event instanceof NewCallerIdEvent e) {
            LiveCall call = byUniqueId.get(e.getUniqueId());
            if (call != null && number(e.getCallerIdNum()) != null) {
                call.callerNumber = number(e.getCallerIdNum());
            }
        } else if (event instanceof VarSetEvent e) {
            varSet(e);
        } else if (event instanceof DtmfEndEvent e) {
            LiveCall call = byUniqueId.get(e.getUniqueId());
            if (call != null && call.phase == LiveCall.Phase.ARRIVING && e.isReceived() && e.getDigit() != null) {
                call.digits.append(e.getDigit());
            }
        } else if (event instanceof NewExtenEvent e) {
            LiveCall call = byUniqueId.get(e.getUniqueId());
            if (call != null && call.phase == LiveCall.Phase.ARRIVING && isHoldStep(e.getContext(), e.getApplication())) {
                enqueue(call);
            }
        } else if (event instanceof BridgeEnterEvent e) {
            bridgeEnter(e);
        } else if (event instanceof BridgeLeaveEvent e) {
            bridgeLeave(e);
        } else if (event instanceof BridgeDestroyEvent e) {
            earlierInBridge.remove(e.getBridgeUniqueId());
        } else if (event instanceof HangupEvent e) {
            LiveCall call = byUniqueId.get(e.getUniqueId());
            if (call != null) {
                CallRecord.HangupSide side = call.requestedHangup != null ? call.requestedHangup
                        : call.agentLeftFirst ? CallRecord.HangupSide.AGENT : CallRecord.HangupSide.CALLER;
                end(call, side, CallRecord.Outcome.ANSWERED);
            }
        }
    }

    private void newChannel(String uniqueId, String linkedId, String channel, String context, String exten,
                            String callerIdNum, Double pbxTimestamp) {
        if (uniqueId == null || byUniqueId.containsKey(uniqueId) || isOriginatorHalf(channel)
                || !config.dialplan().hotlineContext().equals(context) || config.line(exten) == null) {
            return;
        }
        LiveCall call = new LiveCall(uniqueId, linkedId, channel, clock.instant(),
                pbxTimestamp == null ? 0 : pbxTimestamp);
        call.callerNumber = number(callerIdNum);
        call.line = exten;
        byUniqueId.put(uniqueId, call);
    }

    private void varSet(VarSetEvent e) {
        LiveCall call = byUniqueId.get(e.getUniqueId());
        if (call == null || e.getVariable() == null) {
            return;
        }
        TelephonyConfig.Dialplan plan = config.dialplan();
        String value = e.getValue() == null || e.getValue().isBlank() ? null : e.getValue().trim();
        if (e.getVariable().equalsIgnoreCase(plan.lineVariable()) && config.line(value) != null) {
            call.line = value;
        } else if (e.getVariable().equalsIgnoreCase(plan.ivrVariable())) {
            call.ivrChoice = value;
        } else if (e.getVariable().equalsIgnoreCase(plan.recordingVariable())) {
            call.recording = value;
        }
    }

    private boolean isHoldStep(String context, String application) {
        return config.dialplan().hotlineContext().equals(context) && application != null
                && config.dialplan().holdApplications().stream().anyMatch(application::equalsIgnoreCase);
    }

    private void bridgeEnter(BridgeEnterEvent e) {
        if (e.getBridgeUniqueId() == null) {
            return;
        }
        LiveCall call = byUniqueId.get(e.getUniqueId());
        if (call == null) {
            LiveCall inBridge = byBridge.get(e.getBridgeUniqueId());
            if (inBridge != null) {
                otherParty(inBridge, e.getChannel());
            } else {
                earlierInBridge.put(e.getBridgeUniqueId(), e.getChannel());
            }
            return;
        }
        call.bridgeId = e.getBridgeUniqueId();
        byBridge.put(call.bridgeId, call);
        call.agentLeftFirst = false;
        String earlier = earlierInBridge.remove(call.bridgeId);
        if (earlier != null) {
            otherParty(call, earlier);
        }
        if (call.answeredAt == null) {
            call.answeredAt = clock.instant();
        }
        if (call.contactId != null) {
            call.phase = LiveCall.Phase.TALKING;
        }
    }

    /**
     * Someone joined the caller's bridge. A different endpoint than the agent before means the call was handed over
     * (blind or attended transfer): the first agent is done with it, so the router gets ContactFinished now.
     */
    private void otherParty(LiveCall call, String channel) {
        String endpoint = endpointOf(channel);
        if (call.agentChannel != null && !endpointOf(call.agentChannel).equals(endpoint)) {
            if (call.agentId != null && !call.finishSent && call.contactId != null) {
                call.finishSent = true;
                intake.finish(call.contactId, call.agentId).onFailure(err -> finishNotReported(call, err));
            }
            call.agentExtension = endpoint;
        }
        call.agentChannel = channel;
        call.agentLeftFirst = false;
    }

    /** "PJSIP/8001-0000000a" → "PJSIP/8001". */
    static String endpointOf(String channel) {
        int dash = channel == null ? -1 : channel.lastIndexOf('-');
        return dash < 0 ? String.valueOf(channel) : channel.substring(0, dash);
    }

    private void bridgeLeave(BridgeLeaveEvent e) {
        LiveCall call = e.getBridgeUniqueId() == null ? null : byBridge.get(e.getBridgeUniqueId());
        if (call == null) {
            return;
        }
        if (call.uniqueId.equals(e.getUniqueId())) {
            byBridge.remove(call.bridgeId);
            call.bridgeId = null;
            if (call.phase == LiveCall.Phase.TALKING) {
                call.phase = LiveCall.Phase.HELD;
            }
        } else {
            call.agentLeftFirst = true;
        }
    }

    private void enqueue(LiveCall call) {
        call.phase = LiveCall.Phase.ENQUEUING;
        call.queuedAt = clock.instant();
        intake.enqueue(new VoiceIntake.IncomingCall(call.idempotencyKey(), call.uniqueId, call.linkedId, call.line,
                        call.callerNumber, call.effectiveIvrChoice(), call.startedAt), contact -> {
                    call.contactId = contact.id();
                    byContactId.put(call.contactId, call);
                })
                .onSuccess(queued -> {
                    call.queued = true;
                    if (call.pbxTimestamp > 0) {
                        Instant now = Instant.now();
                        double micros = now.getEpochSecond() * 1_000_000.0 + now.getNano() / 1000
                                - call.pbxTimestamp * 1_000_000;
                        figures.queued(micros);
                        intake.meters().acknowledged(queued.contact().channel(), Math.round(micros * 1000));
                    }
                    if (call.endedWhileEnqueuing != null) {
                        call.phase = LiveCall.Phase.WAITING;
                        endAt(call, CallRecord.HangupSide.CALLER, CallRecord.Outcome.ANSWERED, call.endedWhileEnqueuing);
                    } else if (call.phase == LiveCall.Phase.ENQUEUING) {
                        call.phase = call.bridgeId != null ? LiveCall.Phase.TALKING : LiveCall.Phase.WAITING;
                    }
                })
                .onFailure(e -> {
                    figures.failed();
                    LOG.error("call {} from line {} could not be queued: {}", call.uniqueId, call.line, e.getMessage());
                    // Left waiting without a contact: the next reconciliation tries again.
                    call.phase = LiveCall.Phase.WAITING;
                    if (call.endedWhileEnqueuing != null) {
                        forget(call);
                    }
                });
    }

    private void end(LiveCall call, CallRecord.HangupSide side, CallRecord.Outcome outcome) {
        endAt(call, side, outcome, clock.instant());
    }

    /**
     * The caller's channel is gone. Waiting → abandoned (the router makes a callback task); with an agent → the
     * contact is finished. Either way a call record is stored.
     */
    private void endAt(LiveCall call, CallRecord.HangupSide side, CallRecord.Outcome outcome, Instant at) {
        switch (call.phase) {
            case ARRIVING -> forget(call);
            case ENQUEUING -> call.endedWhileEnqueuing = at;
            case ENDED -> { }
            default -> {
                LiveCall.Phase was = call.phase;
                call.phase = LiveCall.Phase.ENDED;
                forget(call);
                if (call.contactId == null) {
                    return;
                }
                boolean abandoned = was == LiveCall.Phase.WAITING && call.agentId == null && call.answeredAt == null;
                if (abandoned) {
                    intake.abandon(call.contactId, at, call.callerNumber)
                            .onFailure(e -> LOG.warn("abandon of {} not reported: {}", call.contactId, e.getMessage()));
                } else if (call.agentId != null && !call.finishSent) {
                    intake.finish(call.contactId, call.agentId).onFailure(e -> finishNotReported(call, e));
                }
                CallRecord.Outcome recorded = outcome == CallRecord.Outcome.ENDED_DURING_OUTAGE ? outcome
                        : call.answeredAt == null ? CallRecord.Outcome.ABANDONED : CallRecord.Outcome.ANSWERED;
                records.save(record(call, at, side, recorded))
                        .onFailure(e -> LOG.warn("call record of {} not stored: {}", call.contactId, e.getMessage()));
            }
        }
    }

    private CallRecord record(LiveCall call, Instant endedAt, CallRecord.HangupSide side, CallRecord.Outcome outcome) {
        Instant waitFrom = call.queuedAt == null ? call.startedAt : call.queuedAt;
        Instant waitTo = call.answeredAt == null ? endedAt : call.answeredAt;
        long waiting = Math.max(0, Duration.between(waitFrom, waitTo).toSeconds());
        long talk = call.answeredAt == null ? 0 : Math.max(0, Duration.between(call.answeredAt, endedAt).toSeconds());
        return new CallRecord(call.contactId, call.uniqueId, call.line, call.callerNumber, call.startedAt,
                call.queuedAt, call.answeredAt, endedAt, waiting, talk, call.agentId, call.agentExtension, side, outcome,
                call.recording);
    }

    private void forget(LiveCall call) {
        byUniqueId.remove(call.uniqueId);
        if (call.contactId != null) {
            byContactId.remove(call.contactId);
        }
        if (call.bridgeId != null) {
            byBridge.remove(call.bridgeId);
        }
    }

    /**
     * The ";1" half of a Local channel is the originating side (it shows the hotline context and the originate's
     * application, e.g. Wait); the ";2" half runs the hotline dialplan and is the call.
     */
    static boolean isOriginatorHalf(String channel) {
        return channel != null && channel.startsWith("Local/") && channel.endsWith(";1");
    }

    // ---- for the reconciliation after a (re)connect ----

    List<LiveCall> calls() {
        return new ArrayList<>(byUniqueId.values());
    }

    LiveCall call(String uniqueId) {
        return byUniqueId.get(uniqueId);
    }

    /** Starts following a call found in the PBX's channel list. */
    void follow(LiveCall call) {
        byUniqueId.put(call.uniqueId, call);
        if (call.contactId != null) {
            byContactId.put(call.contactId, call);
        }
    }

    void queue(LiveCall call) {
        enqueue(call);
    }

    void endedDuringOutage(LiveCall call) {
        end(call, CallRecord.HangupSide.UNKNOWN, CallRecord.Outcome.ENDED_DURING_OUTAGE);
    }

    boolean holdStep(String context, String application) {
        return isHoldStep(context, application);
    }

    /** Called when the router gave the call to an agent and telephony moved it there. */
    void assigned(LiveCall call, String agentId, String agentExtension) {
        call.agentId = agentId;
        call.agentExtension = agentExtension;
        if (call.phase == LiveCall.Phase.WAITING) {
            call.phase = LiveCall.Phase.CONNECTING;
        }
    }

    /** The call agent {@code agentId} is talking on now (not on hold, not handed over), if any. */
    Optional<LiveCall> talkingWith(String agentId) {
        return byUniqueId.values().stream().filter(c -> agentId.equals(c.agentId) && !c.finishSent
                && c.agentChannel != null && c.phase == LiveCall.Phase.TALKING).findFirst();
    }

    Optional<LiveCall> byContact(String contactId) {
        return Optional.ofNullable(contactId == null ? null : byContactId.get(contactId));
    }

    public int liveCalls() {
        return byUniqueId.size();
    }

    /** The Uniqueids of the hotline calls followed now. */
    public java.util.Set<String> liveUniqueIds() {
        return java.util.Set.copyOf(byUniqueId.keySet());
    }

    public IntakeFigures figures() {
        return figures;
    }

    static String number(String callerIdNum) {
        if (callerIdNum == null || callerIdNum.isBlank() || "<unknown>".equalsIgnoreCase(callerIdNum.trim())) {
            return null;
        }
        return callerIdNum.trim();
    }

    /**
     * The router no longer has the contact with this agent when the agent finished it at the desk before the line
     * went down: the usual order, so not worth a warning. Anything else is.
     */
    private static void finishNotReported(LiveCall call, Throwable failure) {
        if (failure instanceof ReplyException reply && reply.failureCode() == FailureCodes.NOT_FOUND) {
            LOG.debug("finish of {} not needed: {}", call.contactId, failure.getMessage());
        } else {
            LOG.warn("finish of {} not reported: {}", call.contactId, failure.getMessage());
        }
    }
}
