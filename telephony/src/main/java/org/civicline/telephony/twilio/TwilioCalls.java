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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.civicline.core.routing.ContactAssigned;
import org.civicline.core.routing.ContactReturned;
import org.civicline.core.routing.RoutingAddresses;
import org.civicline.core.store.ReferenceStore;
import org.civicline.core.telephony.CallRecord;
import org.civicline.telephony.TelephonyConfig;
import org.civicline.telephony.calls.CallRecords;
import org.civicline.telephony.calls.VoiceIntake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Twilio calls waiting in Twilio's queue or with an agent, kept in the shared store (kind {@value #KIND}, by
 * CallSid): behind nginx, Twilio's webhooks for one call — queued, left, dialled — land on any node, and the
 * assignment is heard by every node. On assignment the caller's live call is given new TwiML through Twilio's REST
 * API (it leaves the queue and dials the agent) by the one node whose compare-and-set claimed the call; the SDK
 * blocks, so that runs on a worker thread. A caller who hangs up in the queue is an abandoned contact.
 */
final class TwilioCalls {
    private static final Logger LOG = LoggerFactory.getLogger(TwilioCalls.class);
    static final String KIND = "telephony.twilio-calls";
    /** Twilio ends every call after four hours (its longest time limit): an entry older than that is over. */
    static final Duration LONGEST_CALL = Duration.ofHours(4);
    /** What a Twilio CallSid looks like. */
    static final String CALL_SID = "CA[0-9a-fA-F]{32}";

    /** A call in Twilio's queue ({@code agentId} null), or sent to an agent by the node that put its claim on it. */
    record TwilioCall(String callSid, String contactId, String line, String caller, Instant queuedAt, String agentId,
                      String agentEndpoint, Instant sentAt, String claim) {
        boolean waiting() {
            return agentId == null;
        }

        TwilioCall sentTo(String agent, String endpoint, Instant at, String by) {
            return new TwilioCall(callSid, contactId, line, caller, queuedAt, agent, endpoint, at, by);
        }

        TwilioCall backInQueue() {
            return new TwilioCall(callSid, contactId, line, caller, queuedAt, null, null, null, null);
        }
    }

    private final Vertx vertx;
    private final ReferenceStore store;
    private final VoiceIntake intake;
    private final CallRecords records;
    private final Clock clock;
    private final TwilioRestClient rest;

    TwilioCalls(Vertx vertx, TelephonyConfig.Twilio config, ReferenceStore store, VoiceIntake intake,
                CallRecords records, Clock clock) {
        this.vertx = vertx;
        this.store = store;
        this.intake = intake;
        this.records = records;
        this.clock = clock;
        TwilioRestClient.Builder builder = new TwilioRestClient.Builder(config.accountSid(), config.authToken());
        if (config.apiBaseUrl() != null && !config.apiBaseUrl().isBlank()) {
            builder.httpClient(new LocalApiHttpClient(config.apiBaseUrl()));
        }
        this.rest = builder.build();
    }

    /**
     * The CallSids still waiting or with an agent, whichever node took them in. An entry whose last webhook never came
     * (past {@link #LONGEST_CALL}) is over: it is dropped here rather than kept live for ever.
     */
    Future<Set<String>> liveCallSids() {
        Instant cutoff = clock.instant().minus(LONGEST_CALL);
        return store.list(KIND, TwilioCall.class).map(calls -> {
            calls.stream().filter(call -> call.queuedAt().isBefore(cutoff)).forEach(over -> store.change(KIND,
                    over.callSid(), TwilioCall.class, known -> known.filter(c -> !c.queuedAt().isBefore(cutoff))
                            .orElse(null)).onSuccess(v -> LOG.warn("Twilio call {} (contact {}) had no last webhook "
                            + "within {} h; dropped", over.callSid(), over.contactId(), LONGEST_CALL.toHours())));
            return calls.stream().filter(call -> !call.queuedAt().isBefore(cutoff)).map(TwilioCall::callSid)
                    .collect(Collectors.toSet());
        });
    }

    void listen() {
        vertx.eventBus().<ContactAssigned>consumer(RoutingAddresses.ASSIGNED, m -> assigned(m.body()));
    }

    Future<VoiceIntake.Queued> enqueue(String callSid, String line, String caller, String choice) {
        Instant now = clock.instant();
        // Stored before the router hears of the contact, so that any node can act on its assignment.
        VoiceIntake.IncomingCall incoming = new VoiceIntake.IncomingCall("twilio:" + callSid, callSid, callSid, line,
                caller, choice, now);
        return intake.enqueueAfter(incoming, contact -> store.change(KIND, callSid, TwilioCall.class,
                known -> known.orElseGet(() -> new TwilioCall(callSid, contact.id(), line, caller, now, null, null,
                        null, null))));
    }

    void left(String callSid, String queueResult, String queueTime) {
        if (callSid == null || !"hangup".equalsIgnoreCase(queueResult)) {
            // "redirected": the call left the queue for an agent; the entry stays until the agent's leg ends.
            return;
        }
        AtomicReference<TwilioCall> seen = new AtomicReference<>();
        store.change(KIND, callSid, TwilioCall.class, known -> {
            seen.set(known.orElse(null));
            return known.filter(TwilioCall::waiting).isPresent() ? null : known.orElse(null);
        }).onSuccess(v -> {
            TwilioCall call = seen.get();
            if (call == null || !call.waiting()) {
                return;
            }
            Instant at = clock.instant();
            intake.abandon(call.contactId(), at, call.caller())
                    .onFailure(e -> LOG.warn("abandon of {} not reported: {}", call.contactId(), e.getMessage()));
            long waited = parseSeconds(queueTime, Duration.between(call.queuedAt(), at).toSeconds());
            records.save(new CallRecord(call.contactId(), callSid, call.line(), call.caller(), call.queuedAt(),
                    call.queuedAt(), null, at, waited, 0, null, null, CallRecord.HangupSide.CALLER,
                    CallRecord.Outcome.ABANDONED, null));
        }).onFailure(e -> LOG.warn("Twilio call {} left the queue, not recorded: {}", callSid, e.getMessage()));
    }

    private void assigned(ContactAssigned assigned) {
        String callSid = assigned.callback() || assigned.call() == null ? null : assigned.call().uniqueId();
        if (callSid == null || !callSid.matches(CALL_SID) || assigned.agentExtension() == null) {
            return;
        }
        // Every node hears the assignment; the one whose claim lands sends the call (noted before the REST call:
        // Twilio may report the agent's leg before the SDK's answer is read).
        String claim = UUID.randomUUID().toString();
        store.change(KIND, callSid, TwilioCall.class, known -> known.map(call -> call.waiting()
                        ? call.sentTo(assigned.agentId(), assigned.agentExtension(), clock.instant(), claim) : call)
                        .orElse(null))
                .onSuccess(call -> {
                    if (call != null && claim.equals(call.claim())) {
                        send(call);
                    }
                })
                .onFailure(e -> LOG.warn("Twilio call {} not claimed for agent {}: {}", callSid, assigned.agentId(),
                        e.getMessage()));
    }

    private void send(TwilioCall call) {
        String twiml = new VoiceResponse.Builder().dial(dialAgent(call.agentEndpoint())).build().toXml();
        vertx.executeBlocking(() -> Call.updater(call.callSid()).setTwiml(new Twiml(twiml)).update(rest))
                .onSuccess(sent -> LOG.info("Twilio call {} sent to agent {}", call.callSid(), call.agentId()))
                .onFailure(e -> {
                    LOG.warn("Twilio call {} not sent to agent {}: {}", call.callSid(), call.agentId(),
                            e.getMessage());
                    // Still in Twilio's queue: back to waiting, and the router offers it to another agent.
                    store.change(KIND, call.callSid(), TwilioCall.class, known -> known.map(c ->
                                    call.claim().equals(c.claim()) ? c.backInQueue() : c).orElse(null))
                            .onComplete(v -> giveBack(call.contactId(), call.agentId(),
                                    "Twilio could not move the call: " + e.getMessage()));
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
     * ContactFinished, true. Not answered: false, the caller goes back into Twilio's queue and the contact to the
     * router.
     */
    Future<Boolean> dialEnded(String callSid, String dialStatus, String dialDuration) {
        if (callSid == null) {
            return Future.succeededFuture(true);
        }
        boolean answered = "completed".equalsIgnoreCase(dialStatus) || "answered".equalsIgnoreCase(dialStatus);
        AtomicReference<TwilioCall> seen = new AtomicReference<>();
        return store.change(KIND, callSid, TwilioCall.class, known -> {
            seen.set(known.orElse(null));
            return known.filter(call -> !call.waiting()).isEmpty() ? known.orElse(null)
                    : answered ? null : known.get().backInQueue();
        }).map(v -> {
            TwilioCall done = seen.get();
            if (done == null || done.waiting()) {
                return true;
            }
            if (!answered) {
                LOG.warn("Twilio call {}: agent {} did not answer ({}); back in the queue", callSid, done.agentId(),
                        dialStatus);
                giveBack(done.contactId(), done.agentId(), "the agent did not answer (" + dialStatus + ")");
                return false;
            }
            Instant end = clock.instant();
            long talk = parseSeconds(dialDuration, Duration.between(done.sentAt(), end).toSeconds());
            intake.finish(done.contactId(), done.agentId())
                    .onFailure(e -> LOG.warn("finish of {} not reported: {}", done.contactId(), e.getMessage()));
            records.save(new CallRecord(done.contactId(), callSid, done.line(), done.caller(), done.queuedAt(),
                    done.queuedAt(), end.minusSeconds(talk), end,
                    Duration.between(done.queuedAt(), done.sentAt()).toSeconds(), talk, done.agentId(),
                    done.agentEndpoint(), CallRecord.HangupSide.UNKNOWN, CallRecord.Outcome.ANSWERED, null));
            return true;
        });
    }

    private static long parseSeconds(String value, long fallback) {
        try {
            return value == null ? fallback : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
