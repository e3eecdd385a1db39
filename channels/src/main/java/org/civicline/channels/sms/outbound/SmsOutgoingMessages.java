package org.civicline.channels.sms.outbound;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;
import org.civicline.channels.MessageChannel;
import org.civicline.channels.outbox.OutboxEntry;
import org.civicline.channels.outbox.OutboxLog;
import org.civicline.channels.sms.TwilioConfig;
import org.civicline.core.model.Channel;
import org.civicline.core.store.Ids;

/**
 * Outgoing SMS through the Twilio SDK: acknowledgements, agents' replies, progress updates and survey links. The SDK
 * blocks, so each attempt runs on a worker thread; a failure Twilio may recover from (429, 5xx, no connection) is
 * tried again after a doubling delay, and every outcome is written to the outbox log. Long texts go as they are:
 * Twilio splits them into segments.
 */
public final class SmsOutgoingMessages implements MessageChannel.Addressed {
    /** Twilio refuses a body above this many characters. */
    public static final int MAX_TEXT = 1600;

    private final Vertx vertx;
    private final TwilioConfig config;
    private final TwilioRestClient client;
    private final OutboxLog outbox;
    private final Clock clock;

    public SmsOutgoingMessages(Vertx vertx, TwilioConfig config, OutboxLog outbox, Clock clock) {
        this.vertx = vertx;
        this.config = config;
        this.outbox = outbox;
        this.clock = clock;
        this.client = !config.canSend() ? null : config.apiBaseUrl() == null
                ? new TwilioRestClient.Builder(config.accountSid(), config.authToken()).build()
                : new TwilioRestClient.Builder(config.accountSid(), config.authToken())
                .httpClient(new RebasedHttpClient(config.apiBaseUrl())).build();
    }

    @Override
    public Future<OutboxEntry> sendTo(String to, String text, String purpose) {
        String body = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT - 1) + "…" : text;
        OutboxEntry entry = new OutboxEntry(Ids.next("sms", clock.instant()), Channel.SMS, to, body, purpose,
                "queued", 0, null, clock.instant());
        if (client == null) {
            OutboxEntry logged = entry.withStatus("logged", 0, null, clock.instant());
            outbox.record(logged);
            return Future.succeededFuture(logged);
        }
        outbox.record(entry);
        Promise<OutboxEntry> done = Promise.promise();
        attempt(entry, 1, done);
        return done.future();
    }

    /** Twilio's status callback: the delivery state of a message it accepted earlier. */
    public void delivered(String messageSid, String status, String errorCode) {
        outbox.find(messageSid).ifPresent(entry -> outbox.record(entry.withStatus(status, entry.attempts(),
                errorCode == null ? entry.detail() : "Twilio error " + errorCode, clock.instant())));
    }

    private void attempt(OutboxEntry entry, int attempt, Promise<OutboxEntry> done) {
        vertx.executeBlocking(() -> {
            var creator = Message.creator(new PhoneNumber(entry.to()), new PhoneNumber(config.fromNumber()),
                    entry.text());
            creator.setStatusCallback(URI.create(config.publicBaseUrl() + "/twilio/sms/status"));
            return creator.create(client);
        }, false).onSuccess(message -> {
            // From here on the entry is known by Twilio's id, which its status callbacks carry.
            OutboxEntry sent = entry.withStatus("sent", attempt, null, clock.instant()).withId(message.getSid());
            outbox.replace(entry.id(), sent);
            done.complete(sent);
        }).onFailure(e -> {
            boolean retry = retryable(e) && attempt < config.maxAttempts();
            OutboxEntry tried = entry.withStatus(retry ? "retrying" : "failed", attempt, describe(e), clock.instant());
            outbox.record(tried);
            if (!retry) {
                done.complete(tried);
                return;
            }
            long delay = config.retryDelayMillis() << (attempt - 1);
            vertx.setTimer(delay, id -> attempt(tried, attempt + 1, done));
        });
    }

    static boolean retryable(Throwable e) {
        if (e instanceof ApiConnectionException) {
            return true;
        }
        if (e instanceof ApiException api && api.getStatusCode() != null) {
            int status = api.getStatusCode();
            return status == 429 || status >= 500;
        }
        return false;
    }

    private static String describe(Throwable e) {
        if (e instanceof ApiException api) {
            return "HTTP " + api.getStatusCode() + (api.getCode() == null ? "" : " code " + api.getCode()) + ": "
                    + api.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
