package org.civicline.telephony.ami;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.event.ChanSpyStartEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.civicline.core.bus.FailureCodes;
import org.civicline.core.telephony.CallControlDone;
import org.civicline.core.telephony.ListenIn;
import org.civicline.telephony.TelephonyConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A supervisor listens in on an agent's call, as Asterisk does it: Originate the supervisor's phone with
 * {@code Application: ChanSpy}, {@code Data: <the agent's channel prefix>,qS} — q: no beep or spoken channel name
 * for the supervisor; S: the supervisor's call ends as soon as there is no call (left) to listen to. The answer
 * comes once the PBX reports ChanSpyStart for the supervisor's channel; a phone that does not answer, or a spy that
 * ends at once (the agent's call is gone), is a refusal. Runs on the AMI verticle's context.
 */
final class AmiListenIn {
    private static final Logger LOG = LoggerFactory.getLogger(AmiListenIn.class);
    static final long RING_MILLIS = 20_000;
    /** From the supervisor answering to the PBX spying: immediate in Asterisk when the agent's channel exists. */
    private static final long SPY_START_MILLIS = 3_000;
    private static final String EXTENSION = "([A-Za-z]{2,10}/)?\\d{2,10}";
    private static final int RECENT = 64;

    private final Vertx vertx;
    private final AmiClient client;
    private final AmiCallTracker tracker;
    private final TelephonyConfig config;
    /** Supervisor channel Uniqueid → the listen-in waiting for its spy to start. */
    private final Map<String, Promise<Void>> starting = new HashMap<>();
    /** Spies that started before their originate's answer was handled (kept few, oldest dropped). */
    private final Set<String> recentlyStarted = new LinkedHashSet<>();

    AmiListenIn(Vertx vertx, AmiClient client, AmiCallTracker tracker, TelephonyConfig config) {
        this.vertx = vertx;
        this.client = client;
        this.tracker = tracker;
        this.config = config;
    }

    Future<CallControlDone> listen(ListenIn request) {
        if (request.agentId() == null || request.agentId().isBlank()) {
            return refuse(FailureCodes.INVALID, "[{\"field\":\"agentId\",\"message\":\"is required\"}]");
        }
        if (request.supervisorExtension() == null || !request.supervisorExtension().matches(EXTENSION)) {
            return refuse(FailureCodes.INVALID, "[{\"field\":\"extension\",\"message\":\"the supervisor's phone is "
                    + "required: an extension of digits such as 9001, or PJSIP/9001\"}]");
        }
        Optional<LiveCall> call = tracker.talkingWith(request.agentId());
        if (call.isEmpty()) {
            return refuse(FailureCodes.CONFLICT, "agent " + request.agentId() + " has no live call to listen to");
        }
        if (!client.isConnected()) {
            return refuse(FailureCodes.UNAVAILABLE, "the PBX is not connected");
        }
        String agentPrefix = AmiCallTracker.endpointOf(call.get().agentChannel);
        String supervisorChannel = request.supervisorExtension().contains("/") ? request.supervisorExtension()
                : String.format(config.dialplan().agentChannel(), request.supervisorExtension());
        OriginateAction originate = new OriginateAction();
        originate.setChannel(supervisorChannel);
        originate.setApplication("ChanSpy");
        originate.setData(agentPrefix + ",qS");
        originate.setCallerId("\"监听 " + request.agentId() + "\" <" + AmiCallControl.exten(agentPrefix) + ">");
        originate.setTimeout(RING_MILLIS);
        originate.setAsync(true);
        LOG.info("{} listens in on agent {} ({}) from {}", request.supervisor(), request.agentId(), agentPrefix,
                supervisorChannel);
        return client.list(originate, RING_MILLIS + 5_000)
                .recover(e -> refuse(FailureCodes.CONFLICT, "the PBX refused the listen-in: " + e.getMessage()))
                .compose(events -> {
                    OriginateResponseEvent answer = events.stream().filter(OriginateResponseEvent.class::isInstance)
                            .map(OriginateResponseEvent.class::cast).findFirst().orElse(null);
                    if (answer == null || !"Success".equalsIgnoreCase(answer.getResponse())) {
                        return refuse(FailureCodes.CONFLICT, "your phone " + supervisorChannel + " did not answer");
                    }
                    return spyStarted(answer.getUniqueId()).map(v -> new CallControlDone(call.get().contactId,
                            answer.getChannel(), "listening to " + agentPrefix));
                });
    }

    private Future<Void> spyStarted(String spyerUniqueId) {
        if (recentlyStarted.remove(spyerUniqueId)) {
            return Future.succeededFuture();
        }
        Promise<Void> started = Promise.promise();
        starting.put(spyerUniqueId, started);
        long timer = vertx.setTimer(SPY_START_MILLIS, id -> started.tryFail(new ReplyException(
                ReplyFailure.RECIPIENT_FAILURE, FailureCodes.CONFLICT, "the PBX did not start listening")));
        return started.future().onComplete(done -> {
            vertx.cancelTimer(timer);
            starting.remove(spyerUniqueId);
        });
    }

    void onEvent(ManagerEvent event) {
        if (event instanceof ChanSpyStartEvent e && e.getSpyerUniqueId() != null) {
            Promise<Void> waiting = starting.get(e.getSpyerUniqueId());
            if (waiting != null) {
                waiting.tryComplete();
            } else {
                recentlyStarted.add(e.getSpyerUniqueId());
                if (recentlyStarted.size() > RECENT) {
                    recentlyStarted.remove(recentlyStarted.iterator().next());
                }
            }
        } else if (event instanceof HangupEvent e && e.getUniqueId() != null) {
            Promise<Void> waiting = starting.get(e.getUniqueId());
            if (waiting != null) {
                waiting.tryFail(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, FailureCodes.CONFLICT,
                        "the agent's call ended: nothing to listen to"));
            }
        }
    }

    private static <T> Future<T> refuse(int code, String message) {
        return Future.failedFuture(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, code, message));
    }
}
