package org.civicline.telephony.ami;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.civicline.core.bus.FailureCodes;
import org.civicline.core.metrics.Metrics;
import org.civicline.core.routing.LiveCalls;
import java.util.function.Function;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.GetVarAction;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.civicline.core.routing.ContactAssigned;
import org.civicline.core.routing.RoutingAddresses;
import org.civicline.core.telephony.CallControl;
import org.civicline.core.telephony.CallControlDone;
import org.civicline.core.telephony.ClickToDial;
import org.civicline.core.telephony.ListenIn;
import org.civicline.core.telephony.TelephonyAddresses;
import org.civicline.telephony.TelephonyConfig;
import org.civicline.core.telephony.TelephonyStatus;
import org.civicline.telephony.calls.CallRecords;
import org.civicline.telephony.calls.VoiceIntake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one AMI connection of the cluster, run as a cluster singleton ({@code SingletonDeployer} in
 * {@code TelephonyModule}), so only one node holds the connection and turns its events into contacts; call controls,
 * click-to-dial and the live-call check reach it over the clustered event bus from any node. When that node dies
 * another node's deployer starts it, re-reading the live calls from the PBX and finding their contacts again in the
 * shared store (by idempotency key, so a call is never taken in twice).
 */
public final class AmiVerticle extends AbstractVerticle {
    private static final Logger LOG = LoggerFactory.getLogger(AmiVerticle.class);
    /** The cluster singleton's name (lock, lease and fence). */
    public static final String SINGLETON = "ami";

    private final TelephonyConfig config;
    private final TelephonyConfig.Ami ami;
    private final VoiceIntake intake;
    private final CallRecords records;
    private final Clock clock;
    /** For a node with no other carrier than the PBX. */
    public static final Supplier<Future<Set<String>>> NO_OTHER_CALLS = () -> Future.succeededFuture(Set.of());

    private final Supplier<Future<Set<String>>> otherLiveCalls;
    private final String nodeId;
    private final Promise<Void> firstReconcile = Promise.promise();
    private AmiClient client;
    private AmiCallTracker tracker;
    private OutageReconciler reconciler;
    private AmiListenIn listenIn;
    private volatile boolean stopped;
    /** The tracker matches the PBX: read after the last (re)connect. Volatile: the metrics scrape reads it. */
    private volatile boolean fresh;
    private AmiMeters meters;

    /** {@code otherLiveCalls}: calls this node follows on another carrier (Twilio), reported with the PBX's own. */
    public AmiVerticle(TelephonyConfig config, TelephonyConfig.Ami ami, VoiceIntake intake, CallRecords records,
                       Clock clock, Supplier<Future<Set<String>>> otherLiveCalls, String nodeId) {
        this.otherLiveCalls = otherLiveCalls;
        this.nodeId = nodeId;
        this.config = config;
        this.ami = ami;
        this.intake = intake;
        this.records = records;
        this.clock = clock;
    }

    @Override
    public void start() {
        // The node does not wait for the PBX: the login proceeds in the background.
        client = new AmiClient(vertx, ami, this::onEvent);
        tracker = new AmiCallTracker(config, intake, records, clock);
        reconciler = new OutageReconciler(config, tracker, intake, (channel, variable) ->
                client.send(new GetVarAction(channel, variable)).map(r -> r.getAttribute("value")), clock);
        AmiCallControl control = new AmiCallControl(client, tracker, config,
                returned -> vertx.eventBus().request(RoutingAddresses.RETURN, returned)
                        .onFailure(e -> LOG.warn("contact {} could not be returned to the queue: {}",
                                returned.contactId(), e.getMessage())));
        listenIn = new AmiListenIn(vertx, client, tracker, config);
        var bus = vertx.eventBus();
        bus.<ListenIn>consumer(TelephonyAddresses.LISTEN, m -> reply(m, listenIn::listen));
        bus.<ContactAssigned>consumer(RoutingAddresses.ASSIGNED, m -> control.onAssigned(m.body()));
        bus.<CallControl>consumer(TelephonyAddresses.CONTROL, m -> reply(m, control::control));
        bus.<ClickToDial>consumer(TelephonyAddresses.DIAL, m -> reply(m, control::dial));
        bus.consumer(RoutingAddresses.LIVE_CALLS, this::liveCalls);
        bus.consumer(TelephonyAddresses.STATUS, m -> m.reply(new TelephonyStatus(nodeId, config.pbx(),
                client.isConnected() && fresh, tracker.liveCalls(), tracker.figures().queuedCount(),
                tracker.figures().quantileMillis(0.99), client.eventsReceived())));
        meters = new AmiMeters(Metrics.registry(vertx), () -> client.isConnected() && fresh, client::eventsReceived);
        LOG.info("this node holds the AMI connection to {}:{}", ami.host(), ami.port());
        client.start();
    }

    private <T> void reply(Message<T> message, Function<T, Future<CallControlDone>> action) {
        action.apply(message.body())
                .onSuccess(message::reply)
                .onFailure(e -> {
                    if (e instanceof ReplyException r) {
                        message.fail(r.failureCode(), r.getMessage());
                    } else {
                        message.fail(500, String.valueOf(e.getMessage()));
                    }
                });
    }

    /**
     * The router's periodic check. While the connection is down (or not yet re-read) the answer would be stale, and a
     * stale list would make the router abandon live calls: refuse instead, the router then skips the check.
     */
    private void liveCalls(Message<Object> message) {
        if (!fresh || !client.isConnected()) {
            message.fail(FailureCodes.UNAVAILABLE, "the PBX is not connected");
            return;
        }
        Set<String> ids = new HashSet<>(tracker.liveUniqueIds());
        otherLiveCalls.get().onSuccess(other -> {
            ids.addAll(other);
            message.reply(new LiveCalls(ids, clock.instant()));
        }).onFailure(e -> message.fail(FailureCodes.UNAVAILABLE, "the Twilio calls are unknown: " + e.getMessage()));
    }

    private void onEvent(ManagerEvent event) {
        if (event instanceof ConnectEvent) {
            meters.connected();
            filterEvents();
            reconcile();
        } else if (event instanceof DisconnectEvent) {
            fresh = false;
            LOG.warn("AMI connection to {}:{} lost; Asterisk-Java reconnects", ami.host(), ami.port());
        }
        tracker.onEvent(event);
        listenIn.onEvent(event);
    }

    /**
     * Asks the PBX for only the events we read, on every (re)connect (filters belong to the session). A PBX that
     * refuses (the manager user lacks {@code write = system}) keeps sending everything, which costs CPU only.
     */
    private void filterEvents() {
        client.send(AmiEventFilter.action())
                .onFailure(e -> LOG.warn("the PBX did not take the AMI event filter ({}); receiving every event",
                        e.getMessage()));
    }

    /** Re-reads the live channels after every (re)connect: events sent during an outage are lost for good. */
    private void reconcile() {
        client.list(new CoreShowChannelsAction())
                .onSuccess(items -> {
                    reconciler.reconcile(items.stream().filter(CoreShowChannelEvent.class::isInstance)
                            .map(CoreShowChannelEvent.class::cast).toList());
                    fresh = true;
                    firstReconcile.tryComplete();
                })
                .onFailure(e -> {
                    LOG.warn("reading the live channels failed ({}); retrying", e.getMessage());
                    vertx.setTimer(1000, id -> {
                        if (!stopped && client.isConnected()) {
                            reconcile();
                        }
                    });
                });
    }

    /** Completes once logged in and the live channels have been read the first time. */
    public Future<Void> ready() {
        return firstReconcile.future();
    }

    /**
     * Completes once every event the PBX sent before this call has been handled: a Ping's response comes after them
     * on the same connection, and Asterisk-Java and this verticle keep the order.
     */
    public Future<Void> settled() {
        return client.send(new PingAction()).mapEmpty();
    }

    public AmiCallTracker tracker() {
        return tracker;
    }

    public AmiClient client() {
        return client;
    }

    @Override
    public void stop(Promise<Void> stopped) {
        this.stopped = true;
        Future<Void> closing = client == null ? Future.succeededFuture() : client.stop().recover(e -> Future.succeededFuture());
        closing.onComplete(done -> {
            if (meters != null) {
                meters.close();
            }
            stopped.complete();
        });
    }
}
