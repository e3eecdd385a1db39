package org.civicline.telephony.twilio;

import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Client;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Number;
import com.twilio.twiml.voice.Sip;
import com.twilio.type.Twiml;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.civicline.core.routing.ContactAssigned;
import org.civicline.core.routing.ContactReturned;
import org.civicline.core.routing.RoutingAddresses;
import org.civicline.core.telephony.CallRecord;
import org.civicline.telephony.TelephonyConfig;
import org.civicline.telephony.calls.CallRecords;
import org.civicline.telephony.calls.VoiceIntake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Twilio calls waiting in Twilio's queue that this node took in. On assignment the caller's live call is given
 * new TwiML through Twilio's REST API (it leaves the queue and dials the agent); the SDK blocks, so that runs on a
 * worker thread. A caller who hangs up in the queue is an abandoned contact.
 */
final class TwilioCalls {
    private static final Logger LOG = LoggerFactory.getLogger(TwilioCalls.class);

    private record Waiting(String callSid, String contactId, String line, String caller, Instant queuedAt) {
    }

    /** A call sent to an agent, until Twilio reports how the agent's leg ended. */
    private record WithAgent(Waiting call, String agentId, String agentEndpoint, Instant at) {
    }

    private final Vertx vertx;
    private final TelephonyConfig.Twilio config;
    private final VoiceIntake intake;
    private final CallRecords records;
    private final Clock clock;
    private final TwilioRestClient rest;
    private final Map<String, Waiting> bySid = new ConcurrentHashMap<>();
    private final Map<String, Waiting> byContact = new ConcurrentHashMap<>();
    private final Map<String, WithAgent> withAgent = new ConcurrentHashMap<>();

    TwilioCalls(Vertx vertx, TelephonyConfig.Twilio config, VoiceIntake intake, CallRecords records, Clock clock) {
        this.vertx = vertx;
        this.config = config;
        this.intake = intake;
        this.records = records;
        this.clock = clock;
        TwilioRestClient.Builder builder = new TwilioRestClient.Builder(config.accountSid(), config.authToken());
        if (config.apiBaseUrl() != null && !config.apiBaseUrl().isBlank()) {
            builder.httpClient(new LocalApiHttpClient(config.apiBaseUrl()));
        }
        this.rest = builder.build();
    }

    /** The CallSids this node took in that are still waiting or with an agent. */
    java.util.Set<String> liveCallSids() {
        java.util.Set<String> live = new java.util.HashSet<>(bySid.keySet());
        live.addAll(withAgent.keySet());
        return live;
    }

    void listen() {
        vertx.eventBus().<ContactAssigned>consumer(RoutingAddresses.ASSIGNED, m -> assigned(m.body()));
    }

    Future<VoiceIntake.Queued> enqueue(String callSid, String line, String caller, String choice) {
        Instant now = clock.instant();
        return intake.enqueue(new VoiceIntake.IncomingCall("twilio:" + callSid, callSid, callSid, line, caller, choice,
                now), contact -> {
                    Waiting waiting = new Waiting(callSid, contact.id(), line, caller, now);
                    bySid.put(callSid, waiting);
                    byContact.put(contact.id(), waiting);
                });
    }

    void left(String callSid, String queueResult, String queueTime) {
        Waiting waiting = callSid == null ? null : bySid.remove(callSid);
        if (waiting == null) {
            return;
        }
        byContact.remove(waiting.contactId());
        if (!"hangup".equalsIgnoreCase(queueResult)) {
            return;
        }
        Instant at = clock.instant();
        intake.abandon(waiting.contactId(), at, waiting.caller())
                .onFailure(e -> LOG.warn("abandon of {} not reported: {}", waiting.contactId(), e.getMessage()));
        long waited = parseSeconds(queueTime, Duration.between(waiting.queuedAt(), at).toSeconds());
        records.save(new CallRecord(waiting.contactId(), callSid, waiting.line(), waiting.caller(), waiting.queuedAt(),
                waiting.queuedAt(), null, at, waited, 0, null, null, CallRecord.HangupSide.CALLER,
                CallRecord.Outcome.ABANDONED, null));
    }

    private void assigned(ContactAssigned assigned) {
        Waiting waiting = assigned.callback() ? null : byContact.get(assigned.contactId());
        if (waiting == null || assigned.agentExtension() == null) {
            return;
        }
        String twiml = new VoiceResponse.Builder().dial(dialAgent(assigned.agentExtension())).build().toXml();
        // Noted before the REST call: Twilio may report the agent's leg before the SDK's answer is read.
        bySid.remove(waiting.callSid());
        byContact.remove(waiting.contactId());
        withAgent.put(waiting.callSid(), new WithAgent(waiting, assigned.agentId(), assigned.agentExtension(),
                clock.instant()));
        vertx.executeBlocking(() -> Call.updater(waiting.callSid()).setTwiml(new Twiml(twiml)).update(rest))
                .onSuccess(call -> LOG.info("Twilio call {} sent to agent {}", waiting.callSid(), assigned.agentId()))
                .onFailure(e -> {
                    LOG.warn("Twilio call {} not sent to agent {}: {}", waiting.callSid(), assigned.agentId(),
                            e.getMessage());
                    if (withAgent.remove(waiting.callSid()) != null) {
                        bySid.put(waiting.callSid(), waiting);
                        byContact.put(waiting.contactId(), waiting);
                        // Still in Twilio's queue: the router offers it to another agent.
                        giveBack(waiting.contactId(), assigned.agentId(), "Twilio could not move the call: "
                                + e.getMessage());
                    }
                });
    }

    /** The router takes the contact back from the agent who never got the call, and offers it again. */
    private void giveBack(String contactId, String agentId, String reason) {
        vertx.eventBus().request(RoutingAddresses.RETURN, new ContactReturned(contactId, agentId, reason))
                .onFailure(e -> LOG.warn("contact {} could not be returned to the queue: {}", contactId,
                        e.getMessage()));
    }

    /** "sip:…" dials a SIP address, "+86…"/digits a phone, anything else (e.g. "PJSIP/8001") a Twilio Client. */
    private Dial dialAgent(String endpoint) {
        Dial.Builder dial = new Dial.Builder().action(TwilioVoiceRoutes.BASE + "/dialed").method(HttpMethod.POST);
        if (endpoint.startsWith("sip:")) {
            return dial.sip(new Sip.Builder(endpoint).build()).build();
        }
        if (endpoint.matches("\\+?\\d{5,20}")) {
            return dial.number(new Number.Builder(endpoint).build()).build();
        }
        return dial.client(new Client.Builder(endpoint.substring(endpoint.lastIndexOf('/') + 1)).build()).build();
    }

    /**
     * Twilio's report that the agent's leg ended. Answered: the call record (talk time from Twilio) and
     * ContactFinished. Not answered: false, and the caller goes back into Twilio's queue.
     */
    boolean dialEnded(String callSid, String dialStatus, String dialDuration) {
        WithAgent done = callSid == null ? null : withAgent.remove(callSid);
        if (done == null) {
            return true;
        }
        boolean answered = "completed".equalsIgnoreCase(dialStatus) || "answered".equalsIgnoreCase(dialStatus);
        if (!answered) {
            LOG.warn("Twilio call {}: agent {} did not answer ({}); back in the queue", callSid, done.agentId(),
                    dialStatus);
            bySid.put(callSid, done.call());
            byContact.put(done.call().contactId(), done.call());
            giveBack(done.call().contactId(), done.agentId(), "the agent did not answer (" + dialStatus + ")");
            return false;
        }
        Instant end = clock.instant();
        long talk = parseSeconds(dialDuration, Duration.between(done.at(), end).toSeconds());
        Waiting call = done.call();
        intake.finish(call.contactId(), done.agentId())
                .onFailure(e -> LOG.warn("finish of {} not reported: {}", call.contactId(), e.getMessage()));
        records.save(new CallRecord(call.contactId(), callSid, call.line(), call.caller(), call.queuedAt(),
                call.queuedAt(), end.minusSeconds(talk), end, Duration.between(call.queuedAt(), done.at()).toSeconds(),
                talk, done.agentId(), done.agentEndpoint(), CallRecord.HangupSide.UNKNOWN, CallRecord.Outcome.ANSWERED,
                null));
        return true;
    }

    private static long parseSeconds(String value, long fallback) {
        try {
            return value == null ? fallback : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
