package org.civicline.telephony.ami;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.civicline.telephony.TelephonyConfig;
import org.civicline.telephony.calls.VoiceIntake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After every (re)connect, events sent during the outage are lost for good, so the live channels are read
 * ({@code CoreShowChannels}) and compared with the calls followed: a call the PBX no longer has ended during the
 * outage; a hotline call not followed is taken in — its contact found again by its idempotency key (another node
 * held the connection before), or created with the menu choice and recording read back with GetVar.
 */
final class OutageReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(OutageReconciler.class);

    /** Reads a channel variable from the PBX. */
    interface ChannelVariables {
        Future<String> get(String channel, String variable);
    }

    private final TelephonyConfig config;
    private final AmiCallTracker tracker;
    private final VoiceIntake intake;
    private final ChannelVariables variables;
    private final Clock clock;

    OutageReconciler(TelephonyConfig config, AmiCallTracker tracker, VoiceIntake intake, ChannelVariables variables,
                     Clock clock) {
        this.config = config;
        this.tracker = tracker;
        this.intake = intake;
        this.variables = variables;
        this.clock = clock;
    }

    void reconcile(List<CoreShowChannelEvent> live) {
        Set<String> alive = new HashSet<>();
        live.forEach(ch -> alive.add(ch.getUniqueid()));
        for (LiveCall call : tracker.calls()) {
            if (!alive.contains(call.uniqueId)) {
                LOG.info("call {} ended while AMI was down", call.uniqueId);
                tracker.endedDuringOutage(call);
            }
        }
        for (CoreShowChannelEvent ch : live) {
            LiveCall call = tracker.call(ch.getUniqueid());
            if (call == null) {
                takeIn(ch);
            } else if (call.phase == LiveCall.Phase.WAITING && !call.queued) {
                // Its enqueue failed before: try again.
                tracker.queue(call);
            }
        }
    }

    private void takeIn(CoreShowChannelEvent ch) {
        if (AmiCallTracker.isOriginatorHalf(ch.getChannel())) {
            return;
        }
        TelephonyConfig.Dialplan plan = config.dialplan();
        boolean hotline = plan.hotlineContext().equals(ch.getContext()) && config.line(ch.getExten()) != null;
        boolean withAgent = plan.agentContext().equals(ch.getContext()) || plan.holdContext().equals(ch.getContext());
        if (!hotline && !withAgent) {
            return;
        }
        Instant started = clock.instant().minus(parseDuration(ch.getDuration()));
        LiveCall call = new LiveCall(ch.getUniqueid(), ch.getLinkedid(), ch.getChannel(), started, 0);
        call.callerNumber = AmiCallTracker.number(ch.getCallerIdNum());
        call.line = hotline ? ch.getExten() : null;
        intake.findByKey(call.idempotencyKey()).onSuccess(found -> {
            if (tracker.call(call.uniqueId) != null) {
                return;
            }
            if (found.isPresent()) {
                var contact = found.get();
                call.contactId = contact.id();
                call.line = contact.call() == null ? call.line : contact.call().line();
                call.ivrChoice = contact.call() == null ? null : contact.call().ivrChoice();
                tracker.follow(call);
                if (hotline) {
                    // Queue it again: the router answers "already queued" if it still holds it.
                    tracker.queue(call);
                } else {
                    call.answeredAt = clock.instant();
                    call.phase = LiveCall.Phase.TALKING;
                }
            } else if (hotline) {
                LOG.info("taking in call {} that arrived while AMI was down", call.uniqueId);
                tracker.follow(call);
                Future<String> ivr = variables.get(call.channel, plan.ivrVariable()).otherwise((String) null);
                Future<String> recording = variables.get(call.channel, plan.recordingVariable()).otherwise((String) null);
                Future.all(ivr, recording).onComplete(read -> {
                    call.ivrChoice = blankToNull(ivr.result());
                    call.recording = blankToNull(recording.result());
                    if (call.phase == LiveCall.Phase.ARRIVING && tracker.holdStep(ch.getContext(), ch.getApplication())) {
                        tracker.queue(call);
                    }
                });
            }
        });
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** CoreShowChannel's Duration is HH:MM:SS. */
    private static Duration parseDuration(String hms) {
        try {
            String[] p = hms.split(":");
            return Duration.ofHours(Long.parseLong(p[0])).plusMinutes(Long.parseLong(p[1]))
                    .plusSeconds(Long.parseLong(p[2]));
        } catch (RuntimeException e) {
            return Duration.ZERO;
        }
    }
}
