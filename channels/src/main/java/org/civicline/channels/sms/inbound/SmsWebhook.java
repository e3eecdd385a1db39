package org.civicline.channels.sms.inbound;

import com.twilio.security.RequestValidator;
import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.messaging.Body;
import com.twilio.twiml.messaging.Message;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.civicline.channels.http.PlainErrors;
import org.civicline.channels.http.FormBody;
import org.civicline.channels.intake.InboundMessage;
import org.civicline.channels.intake.Intake;
import org.civicline.core.http.RateLimiter;
import org.civicline.channels.intake.Receipt;
import org.civicline.channels.intake.Residents;
import org.civicline.channels.progress.CaseQuery;
import org.civicline.channels.progress.PhoneProgress;
import org.civicline.channels.sms.TwilioConfig;
import org.civicline.channels.sms.outbound.SmsOutgoingMessages;
import org.civicline.core.model.Attachment;
import org.civicline.core.model.Channel;
import org.civicline.core.model.Priority;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /twilio/sms}: incoming SMS, and {@code /twilio/sms/status}: delivery reports for the ones we sent. Twilio's
 * signature is checked against the public URL before anything is read further. Messages from one phone within the
 * conversation window join the same contact; the answer is TwiML with the acknowledgement.
 */
public final class SmsWebhook {
    public static final String PATH = "/twilio/sms";
    public static final String STATUS_PATH = "/twilio/sms/status";
    private static final Logger LOG = LoggerFactory.getLogger(SmsWebhook.class);
    static final String TOO_FAST = "您发送得太频繁，请稍后再试。紧急情况请拨打 12345。";

    private final TwilioConfig config;
    private final Intake intake;
    private final Residents residents;
    private final PhoneProgress query;
    private final SmsOutgoingMessages outgoing;
    private final RateLimiter limiter;
    private final Clock clock;
    private final RequestValidator validator;

    public SmsWebhook(TwilioConfig config, Intake intake, Residents residents, PhoneProgress query,
                      SmsOutgoingMessages outgoing, Clock clock) {
        this.config = config;
        this.intake = intake;
        this.residents = residents;
        this.query = query;
        this.outgoing = outgoing;
        this.limiter = new RateLimiter(config.messagesPerHour(), Duration.ofHours(1), clock);
        this.clock = clock;
        this.validator = config.authToken() == null || config.authToken().isBlank() ? null
                : new RequestValidator(config.authToken());
    }

    public void mount(Router router) {
        router.post(PATH).handler(new FormBody(config.maxBodyBytes())).handler(this::receive)
                .failureHandler(ctx -> PlainErrors.onFailure(ctx, config.maxBodyBytes()));
        router.post(STATUS_PATH).handler(new FormBody(config.maxBodyBytes())).handler(this::status)
                .failureHandler(ctx -> PlainErrors.onFailure(ctx, config.maxBodyBytes()));
    }

    private void receive(RoutingContext ctx) {
        MultiMap form = FormBody.of(ctx).fields();
        if (!signed(ctx, PATH, form)) {
            PlainErrors.send(ctx, 403, "X-Twilio-Signature mismatch");
            return;
        }
        String from = value(form, "From");
        String sid = value(form, "MessageSid");
        if (from == null || sid == null) {
            PlainErrors.send(ctx, 400, (from == null ? "From" : "MessageSid") + " is required");
            return;
        }
        String text = Optional.ofNullable(value(form, "Body")).orElse("");
        Optional<String> asked = CaseQuery.askedNumber(text);
        Future<String> answer;
        if (!limiter.tryAcquire(from)) {
            answer = Future.succeededFuture(TOO_FAST);
        } else if (asked.isPresent()) {
            answer = residents.byPhone(from, null).compose(citizen -> intake.history(Channel.SMS, from)
                    .compose(recent -> query.answer(asked.get(), from, citizen, recent)));
        } else {
            InboundMessage message = new InboundMessage(Channel.SMS, from, "twilio:" + sid, clock.instant(),
                    text.length() > SmsOutgoingMessages.MAX_TEXT ? text.substring(0, SmsOutgoingMessages.MAX_TEXT)
                            : text, null, media(form), Priority.NORMAL, null);
            answer = intake.receive(message, residents.byPhone(from, null),
                            Duration.ofMinutes(config.conversationMinutes()))
                    .map(SmsWebhook::acknowledgement);
        }
        answer.onSuccess(reply -> twiml(ctx, reply)).onFailure(e -> {
            // Not stored: a 5xx makes Twilio report the failure; nothing was acknowledged.
            LOG.error("SMS {} could not be stored", sid, e);
            PlainErrors.busy(ctx, "try again");
        });
    }

    private void status(RoutingContext ctx) {
        MultiMap form = FormBody.of(ctx).fields();
        if (!signed(ctx, STATUS_PATH, form)) {
            PlainErrors.send(ctx, 403, "X-Twilio-Signature mismatch");
            return;
        }
        String sid = value(form, "MessageSid");
        String status = value(form, "MessageStatus");
        if (sid == null || status == null) {
            PlainErrors.send(ctx, 400, (sid == null ? "MessageSid" : "MessageStatus") + " is required");
            return;
        }
        outgoing.delivered(sid, status, value(form, "ErrorCode"));
        ctx.response().setStatusCode(204).end();
    }

    static String acknowledgement(Receipt receipt) {
        String id = receipt.contact().id();
        return receipt.outcome() == Receipt.Outcome.JOINED
                ? "补充内容已收到，已并入受理编号 " + id + "。"
                : "您的短信已收到，受理编号 " + id + "。立案后可回复“查询 工单号”查看进度。";
    }

    private boolean signed(RoutingContext ctx, String path, MultiMap form) {
        String signature = ctx.request().getHeader("X-Twilio-Signature");
        if (validator == null || signature == null) {
            return false;
        }
        Map<String, String> params = new HashMap<>();
        form.forEach(e -> params.put(e.getKey(), e.getValue()));
        String query = ctx.request().query();
        String url = config.publicBaseUrl() + path + (query == null || query.isEmpty() ? "" : "?" + query);
        return validator.validate(url, params, signature);
    }

    private static List<Attachment> media(MultiMap form) {
        List<Attachment> media = new ArrayList<>();
        int count;
        try {
            count = Math.min(10, Integer.parseInt(Optional.ofNullable(value(form, "NumMedia")).orElse("0")));
        } catch (NumberFormatException e) {
            count = 0;
        }
        for (int i = 0; i < count; i++) {
            String url = value(form, "MediaUrl" + i);
            if (url != null && url.startsWith("https://")) {
                media.add(new Attachment("mms", url, value(form, "MediaContentType" + i), 0));
            }
        }
        return media;
    }

    private static void twiml(RoutingContext ctx, String reply) {
        String xml = new MessagingResponse.Builder()
                .message(new Message.Builder().body(new Body.Builder(reply).build()).build())
                .build().toXml();
        ctx.response().putHeader("Content-Type", "text/xml; charset=utf-8").end(xml);
    }

    private static String value(MultiMap form, String name) {
        String v = form.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }
}
