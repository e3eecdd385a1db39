package org.civicline.routing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.civicline.core.metrics.Metrics;
import org.civicline.core.model.Channel;
import org.civicline.core.routing.ContactAssigned;
import org.civicline.core.routing.OfferMade;
import org.civicline.core.routing.OfferWithdrawn;
import org.civicline.core.routing.Presence;
import org.civicline.routing.engine.LiveView;
import org.civicline.routing.engine.PriorityClass;
import org.civicline.routing.engine.RoutingListener;

/**
 * The router's meters, recorded on the node where the router runs (it is a cluster singleton: when it moves, these
 * move with it, and {@link #close} takes them off the old node's page).
 *
 * <p>Counters and timers are made once per channel and outcome, so an event costs a map read and an add. The
 * gauges show the last {@link #refresh} of the live view (every two seconds with the wallboard's push): the
 * scrape runs on another thread and must not read the router's state while it changes.
 */
final class RoutingMeters implements RoutingListener, AutoCloseable {
    private static final Channel[] CHANNELS = Channel.values();
    private static final PriorityClass[] CLASSES = PriorityClass.values();
    private static final Presence[] PRESENCES = Presence.values();

    private final MeterRegistry registry;
    private final Clock clock;
    private final List<Meter> meters = new ArrayList<>();
    private final Map<Channel, Counter> entered = new EnumMap<>(Channel.class);
    private final Map<Channel, Counter> abandoned = new EnumMap<>(Channel.class);
    private final Map<Channel, Counter> offersMade = new EnumMap<>(Channel.class);
    private final Map<OfferWithdrawn.Reason, Counter> offersWithdrawn = new EnumMap<>(OfferWithdrawn.Reason.class);
    private final Counter offersAccepted;
    private final Map<Channel, Timer> toFirstOffer = new EnumMap<>(Channel.class);
    private final Map<Channel, Timer> toAnswer = new EnumMap<>(Channel.class);
    /** Contacts in the queue that have had an offer: only the first offer times the wait for an agent. */
    private final Set<String> offered = new HashSet<>();
    private volatile Snapshot snapshot = Snapshot.EMPTY;

    RoutingMeters(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        for (Channel channel : CHANNELS) {
            String tag = channel.name();
            entered.put(channel, keep(Counter.builder("civicline.queue.entered")
                    .description("Contacts that entered the one queue").tag("channel", tag).register(registry)));
            abandoned.put(channel, keep(Counter.builder("civicline.queue.abandoned")
                    .description("Contacts that left the queue before an agent accepted").tag("channel", tag)
                    .register(registry)));
            offersMade.put(channel, keep(Counter.builder("civicline.offers.made")
                    .description("Offers made to agents").tag("channel", tag).register(registry)));
            toFirstOffer.put(channel, keep(Timer.builder("civicline.offer.wait")
                    .description("From entering the queue to the first offer to an agent (callbacks not counted)")
                    .tag("channel", tag)
                    .serviceLevelObjectives(Metrics.latencyBuckets()).register(registry)));
            toAnswer.put(channel, keep(Timer.builder("civicline.answer.wait")
                    .description("From entering the queue to an agent's accept (speed of answer; callbacks not counted)")
                    .tag("channel", tag).serviceLevelObjectives(Metrics.latencyBuckets()).register(registry)));
            int c = channel.ordinal();
            gauge("civicline.queue.waiting", "Contacts in the queue (waiting, offered or scheduled)",
                    "channel", tag, null, s -> s.waitingByChannel[c]);
            gauge("civicline.queue.longest.wait", "The longest current wait", "channel", tag, "seconds",
                    s -> s.longestWaitSeconds[c]);
        }
        for (PriorityClass priorityClass : CLASSES) {
            int p = priorityClass.ordinal();
            gauge("civicline.queue.waiting.by.class", "Contacts in the queue per class of the one queue",
                    "priority_class", priorityClass.name(), null, s -> s.waitingByClass[p]);
        }
        for (Presence presence : PRESENCES) {
            int p = presence.ordinal();
            gauge("civicline.agents", "Agents per presence (BUSY: on a call or full)", "presence",
                    presence.name(), null, s -> s.agentsByPresence[p]);
        }
        offersAccepted = keep(Counter.builder("civicline.offers.ended").description("Offers that ended, by outcome")
                .tag("outcome", "accepted").register(registry));
        for (OfferWithdrawn.Reason reason : OfferWithdrawn.Reason.values()) {
            offersWithdrawn.put(reason, keep(Counter.builder("civicline.offers.ended")
                    .description("Offers that ended, by outcome").tag("outcome", reason.name().toLowerCase())
                    .register(registry)));
        }
        keep(Gauge.builder("civicline.offers.outstanding", this, m -> m.snapshot.offersOutstanding)
                .description("Offers made and not yet answered").register(registry));
        keep(Gauge.builder("civicline.callbacks.scheduled", this, m -> m.snapshot.callbacksScheduled)
                .description("Callback tasks waiting for their time").register(registry));
        keep(Gauge.builder("civicline.router.active", () -> 1)
                .description("1 on the node that runs the router").register(registry));
    }

    /** Copies the live view for the gauges; on the router's context. */
    void refresh(LiveView live) {
        snapshot = Snapshot.of(live);
    }

    @Override
    public void entered(String contactId, Channel channel, String queue, Instant at) {
        entered.get(channel).increment();
    }

    @Override
    public void offerMade(OfferMade offer) {
        offersMade.get(offer.channel()).increment();
        // A callback waits for its time by design: its wait says nothing about how fast the center answers.
        if (!offer.callback() && offered.add(offer.contactId())) {
            toFirstOffer.get(offer.channel()).record(Math.max(0, clock.millis()
                    - offer.waitingSince().toEpochMilli()), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void offerWithdrawn(OfferWithdrawn withdrawn) {
        offersWithdrawn.get(withdrawn.reason()).increment();
    }

    @Override
    public void assigned(ContactAssigned assignment, String queue, long waitedMillis) {
        offersAccepted.increment();
        if (!assignment.callback()) {
            toAnswer.get(assignment.channel()).record(Math.max(0, waitedMillis), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void abandoned(String contactId, Channel channel, String queue, long waitedMillis) {
        abandoned.get(channel).increment();
    }

    @Override
    public void entryRemoved(String contactId) {
        offered.remove(contactId);
    }

    /** Takes this node's router meters off the registry: the router runs elsewhere now, or not at all. */
    @Override
    public void close() {
        meters.forEach(registry::remove);
        meters.clear();
    }

    private void gauge(String name, String description, String tag, String value, String unit,
                       ToDoubleFunction<Snapshot> read) {
        keep(Gauge.builder(name, this, m -> read.applyAsDouble(m.snapshot)).description(description)
                .tag(tag, value).baseUnit(unit).register(registry));
    }

    private <M extends Meter> M keep(M meter) {
        meters.add(meter);
        return meter;
    }

    /** The live figures as plain arrays indexed by ordinal: the gauges read them from any thread. */
    private record Snapshot(long[] waitingByChannel, long[] longestWaitSeconds, long[] waitingByClass,
                            long[] agentsByPresence, long offersOutstanding, long callbacksScheduled) {
        static final Snapshot EMPTY = new Snapshot(new long[CHANNELS.length], new long[CHANNELS.length],
                new long[CLASSES.length], new long[PRESENCES.length], 0, 0);

        static Snapshot of(LiveView live) {
            long[] waiting = new long[CHANNELS.length];
            long[] longest = new long[CHANNELS.length];
            long[] byClass = new long[CLASSES.length];
            long[] agents = new long[PRESENCES.length];
            live.waitingByChannel().forEach((channel, n) -> waiting[channel.ordinal()] = n);
            live.longestWaitSeconds().forEach((channel, s) -> longest[channel.ordinal()] = s);
            live.waitingByPriorityClass().forEach((c, n) -> byClass[c.ordinal()] = n);
            live.agentsByPresence().forEach((presence, n) -> agents[presence.ordinal()] = n);
            return new Snapshot(waiting, longest, byClass, agents, live.offersOutstanding(),
                    live.callbacksScheduled());
        }
    }
}
