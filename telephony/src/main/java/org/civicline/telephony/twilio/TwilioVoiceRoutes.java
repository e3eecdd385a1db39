package org.civicline.telephony.twilio;

import com.twilio.http.HttpMethod;
import com.twilio.security.RequestValidator;
import com.twilio.twiml.TwiML;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Enqueue;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Redirect;
import com.twilio.twiml.voice.Say;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.civicline.core.model.Channel;
import org.civicline.core.store.ReferenceStore;
import org.civicline.telephony.TelephonyConfig;
import org.civicline.telephony.calls.CallRecords;
import org.civicline.telephony.calls.VoiceIntake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Twilio's voice webhooks. {@code /incoming} greets the caller and asks the menu (the elderly line goes straight
 * on), {@code /menu} stores and queues the contact and answers {@code <Enqueue>}, {@code /left} hears how the caller
 * left Twilio's queue (a hangup is an abandon), {@code /dialed} how the agent's leg ended (the call record).
 * Every request must carry a valid {@code X-Twilio-Signature} for the configured public URL; otherwise 403 and
 * nothing happens. Bodies are capped.
 */
public final class TwilioVoiceRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(TwilioVoiceRoutes.class);
    static final String BASE = "/twilio/voice";
    static final String QUEUE = "civicline";

    private final TelephonyConfig.Twilio config;
    private final TelephonyConfig telephony;
    private final VoiceIntake intake;
    private final RequestValidator validator;
    private final TwilioCalls calls;

    public TwilioVoiceRoutes(Vertx vertx, TelephonyConfig telephony, ReferenceStore store, VoiceIntake intake,
                             CallRecords records, Clock clock) {
        this.telephony = telephony;
        this.config = telephony.twilio();
        this.intake = intake;
        this.validator = new RequestValidator(config.authToken());
        this.calls = new TwilioCalls(vertx, config, store, intake, records, clock);
    }

    public void mount(Router router) {
        router.route(BASE + "/*").handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()));
        router.route(BASE + "/*").handler(this::checkSignature);
        router.post(BASE + "/incoming").handler(this::incoming);
        router.post(BASE + "/menu").handler(this::menu);
        router.post(BASE + "/left").handler(this::left);
        router.post(BASE + "/dialed").handler(this::dialed);
        calls.listen();
    }

    /** The Twilio calls waiting or with an agent now, whichever node took them in, for the router's live-call check. */
    public Future<java.util.Set<String>> liveCalls() {
        return calls.liveCallSids();
    }

    private void checkSignature(RoutingContext ctx) {
        String signature = ctx.request().getHeader("X-Twilio-Signature");
        String url = publicBase() + ctx.request().uri();
        if (signature == null || !validator.validate(url, params(ctx.request().formAttributes()), signature)) {
            LOG.warn("Twilio webhook {} refused: bad or missing signature", ctx.request().path());
            ctx.response().setStatusCode(403).end();
            return;
        }
        ctx.next();
    }

    private void incoming(RoutingContext ctx) {
        MultiMap form = ctx.request().formAttributes();
        String line = lineOf(form.get("To"));
        if (!hasMenu(line)) {
            enqueue(ctx, form, line, null);
            return;
        }
        VoiceResponse twiml = new VoiceResponse.Builder()
                .say(say(config.greeting()))
                .gather(new Gather.Builder().numDigits(1).timeout(5).action(BASE + "/menu").method(HttpMethod.POST)
                        .say(say("咨询请按1，投诉请按2，求助请按3。")).build())
                .redirect(new Redirect.Builder(BASE + "/menu").method(HttpMethod.POST).build())
                .build();
        send(ctx, twiml);
    }

    private void menu(RoutingContext ctx) {
        MultiMap form = ctx.request().formAttributes();
        String digits = form.get("Digits");
        enqueue(ctx, form, lineOf(form.get("To")), digits == null || digits.isBlank() ? null : digits.trim());
    }

    private void enqueue(RoutingContext ctx, MultiMap form, String line, String choice) {
        String callSid = form.get("CallSid");
        if (callSid == null || !callSid.matches(TwilioCalls.CALL_SID)) {
            ctx.response().setStatusCode(400).end();
            return;
        }
        String from = form.get("From");
        String caller = from == null || from.isBlank() || from.matches("(?i)anonymous|restricted|unknown") ? null : from;
        calls.enqueue(callSid, line, caller, choice)
                .onSuccess(queued -> send(ctx, new VoiceResponse.Builder()
                        .enqueue(new Enqueue.Builder(QUEUE).action(BASE + "/left").method(HttpMethod.POST).build())
                        .build()))
                .onFailure(e -> {
                    LOG.error("Twilio call {} could not be queued: {}", callSid, e.getMessage());
                    send(ctx, new VoiceResponse.Builder().say(say("系统繁忙，请稍后再拨。")).build());
                });
    }

    private void left(RoutingContext ctx) {
        MultiMap form = ctx.request().formAttributes();
        calls.left(form.get("CallSid"), form.get("QueueResult"), form.get("QueueTime"));
        send(ctx, new VoiceResponse.Builder().build());
    }

    private void dialed(RoutingContext ctx) {
        MultiMap form = ctx.request().formAttributes();
        calls.dialEnded(form.get("CallSid"), form.get("DialCallStatus"), form.get("DialCallDuration"))
                .onSuccess(over -> send(ctx, over ? new VoiceResponse.Builder()
                        .hangup(new com.twilio.twiml.voice.Hangup.Builder().build()).build()
                        : new VoiceResponse.Builder().enqueue(new Enqueue.Builder(QUEUE).action(BASE + "/left")
                                .method(HttpMethod.POST).build()).build()))
                .onFailure(e -> {
                    // The store is unreachable: keep the caller on the line in the queue rather than hang up.
                    LOG.warn("Twilio call {}: the end of the agent's leg not recorded: {}", form.get("CallSid"),
                            e.getMessage());
                    send(ctx, new VoiceResponse.Builder().enqueue(new Enqueue.Builder(QUEUE).action(BASE + "/left")
                            .method(HttpMethod.POST).build()).build());
                });
    }

    private String lineOf(String to) {
        if (to != null) {
            for (TelephonyConfig.Line line : telephony.lines()) {
                if (to.endsWith(line.number())) {
                    return line.number();
                }
            }
        }
        return telephony.lines().get(0).number();
    }

    private boolean hasMenu(String line) {
        // As in the sample dialplan: the elderly line goes straight to a human.
        TelephonyConfig.Line found = telephony.line(line);
        return found == null || found.channel() != Channel.ELDER_12349;
    }

    private String publicBase() {
        String base = config.publicUrl();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static Say say(String text) {
        return new Say.Builder(text).language(Say.Language.ZH_CN).build();
    }

    private static Map<String, String> params(MultiMap form) {
        Map<String, String> params = new HashMap<>();
        form.forEach(e -> params.putIfAbsent(e.getKey(), e.getValue()));
        return params;
    }

    private static void send(RoutingContext ctx, TwiML twiml) {
        ctx.response().putHeader("Content-Type", "application/xml; charset=utf-8").end(twiml.toXml());
    }
}
