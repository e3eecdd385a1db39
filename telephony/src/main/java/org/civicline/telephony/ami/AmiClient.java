package org.civicline.telephony.ami;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.action.EventGeneratingAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.civicline.telephony.TelephonyConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AMI connection through Asterisk-Java, made safe for Vert.x: login and every send run on a worker executor,
 * responses and events come back on the owner's context, and the listener does nothing but hand events over
 * (a blocking send inside an Asterisk-Java listener deadlocks its pump thread). The first login is retried with
 * exponential back-off; after that Asterisk-Java reconnects by itself and announces it with a ConnectEvent.
 */
public final class AmiClient {
    private static final Logger LOG = LoggerFactory.getLogger(AmiClient.class);

    private final Vertx vertx;
    private final Context context;
    private final TelephonyConfig.Ami settings;
    private final ManagerConnection connection;
    private final WorkerExecutor workers;
    private final AtomicLong eventsReceived = new AtomicLong();
    private int failedAttempts;
    private volatile boolean stopped;

    /** Must be created on the context that will receive the events (a verticle's). */
    public AmiClient(Vertx vertx, TelephonyConfig.Ami settings, Consumer<ManagerEvent> events) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.settings = settings;
        this.connection = new ManagerConnectionFactory(settings.host(), settings.port(), settings.username(),
                settings.secret()).createManagerConnection();
        this.workers = vertx.createSharedWorkerExecutor("civicline-ami", 4);
        connection.addEventListener(event -> {
            eventsReceived.incrementAndGet();
            context.runOnContext(v -> events.accept(event));
        });
    }

    /** Logs in, retrying with back-off until it succeeds or {@link #stop} is called; completes on first login. */
    public Future<Void> start() {
        Promise<Void> loggedIn = Promise.promise();
        attempt(loggedIn);
        return loggedIn.future();
    }

    private void attempt(Promise<Void> loggedIn) {
        if (stopped) {
            loggedIn.tryFail("AMI client stopped");
            return;
        }
        workers.<Void>executeBlocking(() -> {
            connection.login();
            return null;
        }, false).onComplete(done -> context.runOnContext(v -> {
            if (done.succeeded()) {
                failedAttempts = 0;
                LOG.info("AMI logged in to {}:{} as {}", settings.host(), settings.port(), settings.username());
                loggedIn.tryComplete();
                return;
            }
            long delay = Math.min(settings.reconnectMaxMillis(),
                    settings.reconnectInitialMillis() << Math.min(failedAttempts++, 16));
            LOG.warn("AMI login to {}:{} failed ({}); next try in {} ms", settings.host(), settings.port(),
                    done.cause().getMessage(), delay);
            vertx.setTimer(delay, id -> attempt(loggedIn));
        }));
    }

    public boolean isConnected() {
        return connection.getState() == ManagerConnectionState.CONNECTED;
    }

    /** Sends an action; fails with {@link AmiException} on an error response, a timeout or a lost connection. */
    public Future<ManagerResponse> send(ManagerAction action) {
        Promise<ManagerResponse> answer = Promise.promise();
        long timer = vertx.setTimer(settings.responseTimeoutMillis(), id -> answer.tryFail(
                new AmiException("no response to " + action.getAction() + " within "
                        + settings.responseTimeoutMillis() + " ms")));
        workers.<Void>executeBlocking(() -> {
            connection.sendAction(action, response -> context.runOnContext(v -> {
                vertx.cancelTimer(timer);
                if (response == null) {
                    answer.tryFail(new AmiException("connection lost before the response to " + action.getAction()));
                } else if (response instanceof ManagerError error) {
                    answer.tryFail(new AmiException(error.getMessage()));
                } else {
                    answer.tryComplete(response);
                }
            }));
            return null;
        }, false).onFailure(e -> context.runOnContext(v -> {
            vertx.cancelTimer(timer);
            answer.tryFail(new AmiException("cannot send " + action.getAction() + ": " + e.getMessage()));
        }));
        return answer.future();
    }

    /** Sends a list action (CoreShowChannels …) and collects its item events. */
    public Future<List<ResponseEvent>> list(EventGeneratingAction action) {
        return list(action, settings.responseTimeoutMillis() * 2);
    }

    /**
     * Sends an action whose outcome comes as events and collects them until its completing event, e.g. an async
     * Originate and its OriginateResponse (which waits for the called phone to answer, so it needs a longer limit).
     */
    public Future<List<ResponseEvent>> list(EventGeneratingAction action, long timeoutMillis) {
        Promise<List<ResponseEvent>> answer = Promise.promise();
        long timer = vertx.setTimer(timeoutMillis, id -> answer.tryFail(
                new AmiException("list " + action.getAction() + " not complete within " + timeoutMillis + " ms")));
        workers.<Void>executeBlocking(() -> {
            connection.sendEventGeneratingAction(action, events -> context.runOnContext(v -> {
                vertx.cancelTimer(timer);
                if (events == null || events.getResponse() instanceof ManagerError) {
                    answer.tryFail(new AmiException("list " + action.getAction() + " failed"));
                } else {
                    answer.tryComplete(List.copyOf(events.getEvents()));
                }
            }));
            return null;
        }, false).onFailure(e -> context.runOnContext(v -> {
            vertx.cancelTimer(timer);
            answer.tryFail(new AmiException("cannot send " + action.getAction() + ": " + e.getMessage()));
        }));
        return answer.future();
    }

    /** AMI events handed to Vert.x so far. */
    public long eventsReceived() {
        return eventsReceived.get();
    }

    public Future<Void> stop() {
        stopped = true;
        return workers.<Void>executeBlocking(() -> {
            ManagerConnectionState state = connection.getState();
            if (state == ManagerConnectionState.CONNECTED || state == ManagerConnectionState.RECONNECTING) {
                connection.logoff();
            }
            return null;
        }, false).eventually(() -> workers.close());
    }
}
