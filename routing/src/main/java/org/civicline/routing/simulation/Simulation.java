package org.civicline.routing.simulation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.civicline.core.model.CallReference;
import org.civicline.core.model.Channel;
import org.civicline.core.model.Contact;
import org.civicline.core.model.Priority;
import org.civicline.core.routing.CallbackOutcome;
import org.civicline.core.routing.ContactAssigned;
import org.civicline.core.routing.EnqueueContact;
import org.civicline.core.routing.OfferMade;
import org.civicline.core.routing.Presence;
import org.civicline.core.routing.QueueEntry;
import org.civicline.core.time.ManualClock;
import org.civicline.routing.engine.Router;
import org.civicline.routing.engine.RoutingListener;

/**
 * A discrete-event simulation of the hotline floor around the real {@link Router}. Time is a {@link ManualClock}
 * moved from one event to the next: arrivals, agents answering offers, finishing contacts, callers hanging up,
 * breaks, and the router's own timers ({@link Router#nextDue()}). Nothing sleeps; a day runs in well under a second.
 *
 * <p>The simulator listens to the router like the bus publisher does, and acts only through the router's public
 * calls, as agents' desks and the PBX would. It keeps its own ledger of every contact so that a test can check,
 * after every step, that the router's view and the floor's agree.
 */
public final class Simulation implements RoutingListener {

    /** Called after every step of the run; a test checks invariants here. */
    @FunctionalInterface
    public interface StepObserver {
        void afterStep(Simulation simulation, String event);
    }

    private final Scenario scenario;
    private final ManualClock clock;
    private final long start;
    private final Router router;
    private final EventCalendar calendar = new EventCalendar();
    private final Map<String, ContactTrack> tracks;
    private final Map<String, AgentTally> agents = new LinkedHashMap<>();
    private final Map<Channel, ChannelLoad> loads = new EnumMap<>(Channel.class);
    private final Set<String> stored = new HashSet<>();
    private final EnumMap<ContactTrack.State, Integer> counts = new EnumMap<>(ContactTrack.State.class);
    private final List<ContactTrack> abandonedSinceLastStep = new ArrayList<>();
    private final List<String> anomalies = new ArrayList<>();
    private final RandomGenerator contactRandom;
    private int generated;
    private long lastArrival;
    private long steps;
    private boolean ran;

    public Simulation(Scenario scenario) {
        this.scenario = scenario;
        this.clock = new ManualClock(scenario.start(), scenario.zone());
        this.start = scenario.start().toEpochMilli();
        this.router = new Router(scenario.config(), clock, scenario.zone(), this);
        this.tracks = new LinkedHashMap<>(scenario.contacts() * 4 / 3 + 16);
        SplittableRandom root = new SplittableRandom(scenario.seed());
        this.contactRandom = root.split();
        for (ContactTrack.State s : ContactTrack.State.values()) {
            counts.put(s, 0);
        }
        for (SimAgent agent : scenario.agents()) {
            agents.put(agent.profile().id(), new AgentTally(agent, root.split()));
        }
        for (ChannelLoad load : scenario.channels()) {
            if (loads.put(load.channel(), load) != null) {
                throw new IllegalArgumentException("channel " + load.channel() + " appears twice in the scenario");
            }
            RandomGenerator random = root.split();
            scheduleArrival(load, random, 0);
        }
    }

    // ---------------------------------------------------------------- the run

    public SimulationReport run() {
        return run((simulation, event) -> {
        });
    }

    /** Runs the scenario to the end, calling {@code observer} after every step. */
    public SimulationReport run(StepObserver observer) {
        if (ran) {
            throw new IllegalStateException("a simulation runs once");
        }
        ran = true;
        for (AgentTally agent : agents.values()) {
            router.upsertAgent(agent.agent.profile());
            router.presence(agent.id(), Presence.AVAILABLE, null);
            scheduleBreak(agent);
        }
        observer.afterStep(this, "start");
        long limit = Long.MAX_VALUE;
        while (true) {
            if (generated == scenario.contacts()) {
                if (counts.get(ContactTrack.State.QUEUED) + counts.get(ContactTrack.State.HELD) == 0) {
                    break;
                }
                limit = lastArrival + scenario.drainLimit().toMillis();
            }
            long timerDue = router.nextDue().map(i -> i.toEpochMilli() - start).orElse(Long.MAX_VALUE);
            long eventDue = calendar.nextTime();
            long next = Math.min(timerDue, eventDue);
            if (next == Long.MAX_VALUE || next > limit) {
                break;
            }
            String kind;
            if (timerDue <= eventDue) {
                moveTo(timerDue);
                router.advance();
                kind = "router timer";
            } else {
                EventCalendar.Event event = calendar.poll();
                moveTo(event.at());
                event.action().run();
                kind = event.kind();
            }
            steps++;
            observer.afterStep(this, kind);
            abandonedSinceLastStep.clear();
        }
        return new SimulationReport(scenario, now(), steps, List.copyOf(tracks.values()),
                List.copyOf(agents.values()), router.waitingCount(), List.copyOf(anomalies));
    }

    private void moveTo(long millis) {
        clock.set(Instant.ofEpochMilli(start + millis));
    }

    /** Milliseconds since the start of the run. */
    public long now() {
        return clock.millis() - start;
    }

    // ---------------------------------------------------------------- arrivals

    private void scheduleArrival(ChannelLoad load, RandomGenerator random, long after) {
        long at = load.arrivals().next(after, random);
        calendar.at(at, "arrival", () -> arrive(load, random));
    }

    private void arrive(ChannelLoad load, RandomGenerator random) {
        if (generated == scenario.contacts()) {
            return;
        }
        long now = now();
        lastArrival = now;
        String id = "c" + (++generated);
        Channel channel = load.channel();
        boolean withheld = channel.isVoice() && random.nextDouble() < load.withheldNumberShare();
        String sender = sender(channel, withheld, random);
        CallReference call = channel.isVoice()
                ? new CallReference("sim." + id, "sim." + id, channel.name(), null) : null;
        Priority priority = channel == Channel.ONE_TOUCH ? Priority.EMERGENCY : Priority.NORMAL;
        Contact contact = new Contact(id, channel, null, sender, clock.instant(), null, call, null, priority,
                "sim-" + id, List.of(), null);
        ContactTrack track = new ContactTrack(id, channel, sender, now);
        tracks.put(id, track);
        bump(ContactTrack.State.QUEUED, 1);
        router.enqueue(new EnqueueContact(contact, load.drawNeeds(random)));
        if (load.patience() != null) {
            long patience = load.patience().sampleMillis(random);
            calendar.at(now + patience, "caller hangs up", () -> hangUp(track));
        }
        scheduleArrival(load, random, now);
    }

    private static String sender(Channel channel, boolean withheld, RandomGenerator random) {
        return switch (channel.medium()) {
            case VOICE, SMS -> withheld ? "anonymous" : "1" + (30 + random.nextInt(60)) + (10_000_000 + random.nextInt(90_000_000));
            case CHAT -> "wx-o" + Long.toHexString(random.nextLong());
            case LETTER -> "app-" + random.nextInt(1_000_000);
        };
    }

    private void hangUp(ContactTrack track) {
        if (track.state == ContactTrack.State.QUEUED && track.answeredAt < 0 && !track.abandoned) {
            router.abandon(track.id, track.sender);
        }
    }

    // ---------------------------------------------------------------- agents

    private void scheduleBreak(AgentTally agent) {
        AgentBehaviour b = agent.agent.behaviour();
        if (b.workBetweenBreaks() == null) {
            return;
        }
        calendar.at(now() + b.workBetweenBreaks().sampleMillis(agent.random), "break starts", () -> {
            agent.onBreak = true;
            agent.breaks++;
            router.presence(agent.id(), Presence.BREAK, "小休");
            calendar.at(now() + b.breakLength().sampleMillis(agent.random), "break ends", () -> {
                agent.onBreak = false;
                router.presence(agent.id(), Presence.AVAILABLE, null);
                scheduleBreak(agent);
            });
        });
    }

    private void answerOffer(OfferMade offer, boolean accept) {
        router.answer(offer.offerId(), offer.agentId(), accept);
    }

    private void finishContact(ContactTrack track, AgentTally agent, int assignment, long acceptedAt) {
        if (!isCurrent(track, agent, assignment)) {
            return; // the contact went back to the queue meanwhile (an agent's chats after a break's grace)
        }
        if (router.finish(track.id, agent.id())) {
            agent.busyMillis += now() - acceptedAt;
            track.holder = null;
            setState(track, ContactTrack.State.FINISHED);
        } else {
            anomalies.add("at " + now() + " ms the router did not let " + agent.id() + " finish " + track);
        }
    }

    private void dialCallback(ContactTrack track, AgentTally agent, int assignment, long acceptedAt) {
        if (!isCurrent(track, agent, assignment)) {
            return;
        }
        CallbackOutcome.Result result = agent.agent.behaviour().dial(agent.random);
        if (!router.callbackOutcome(track.id, agent.id(), result)) {
            anomalies.add("at " + now() + " ms the router refused the callback outcome of " + track);
            return;
        }
        if (result == CallbackOutcome.Result.REACHED) {
            long handle = loads.get(track.channel).handleTime().sampleMillis(agent.random);
            calendar.at(now() + handle, "callback finished", () -> {
                if (isCurrent(track, agent, assignment)) {
                    track.finishedByCallback = true;
                }
                finishContact(track, agent, assignment, acceptedAt);
            });
        } else {
            agent.busyMillis += now() - acceptedAt;
        }
    }

    private static boolean isCurrent(ContactTrack track, AgentTally agent, int assignment) {
        return track.state == ContactTrack.State.HELD && agent.id().equals(track.holder)
                && track.assignments == assignment;
    }

    private void setState(ContactTrack track, ContactTrack.State state) {
        bump(track.state, -1);
        track.state = state;
        bump(state, 1);
    }

    private void bump(ContactTrack.State state, int delta) {
        counts.merge(state, delta, Integer::sum);
    }

    // ---------------------------------------------------------------- what the router says

    @Override
    public void offerMade(OfferMade offer) {
        ContactTrack track = tracks.get(offer.contactId());
        AgentTally agent = agents.get(offer.agentId());
        track.offers++;
        if (track.firstOfferAt < 0 && !offer.callback()) {
            track.firstOfferAt = now();
        }
        agent.offers++;
        switch (agent.agent.behaviour().decide(agent.random)) {
            case IGNORE -> agent.ignored++;
            case REJECT -> {
                agent.rejected++;
                long delay = agent.agent.behaviour().answerDelay().sampleMillis(agent.random);
                calendar.at(now() + delay, "agent rejects", () -> answerOffer(offer, false));
            }
            case ACCEPT -> {
                long delay = agent.agent.behaviour().answerDelay().sampleMillis(agent.random);
                calendar.at(now() + delay, "agent accepts", () -> answerOffer(offer, true));
            }
        }
    }

    @Override
    public void assigned(ContactAssigned assignment, String queue, long waitedMillis) {
        ContactTrack track = tracks.get(assignment.contactId());
        AgentTally agent = agents.get(assignment.agentId());
        if (track.state == ContactTrack.State.HELD) {
            anomalies.add("at " + now() + " ms " + track + " assigned to " + agent.id() + " while held");
        }
        setState(track, ContactTrack.State.HELD);
        track.holder = agent.id();
        track.assignments++;
        if (!assignment.callback() && track.answeredAt < 0) {
            track.answeredAt = now();
        }
        agent.accepted++;
        agent.assigned++;
        int token = track.assignments;
        long acceptedAt = now();
        if (assignment.callback()) {
            long dial = agent.agent.behaviour().dialTime().sampleMillis(agent.random);
            calendar.at(acceptedAt + dial, "agent dials callback", () -> dialCallback(track, agent, token, acceptedAt));
        } else {
            long handle = loads.get(track.channel).handleTime().sampleMillis(agent.random);
            calendar.at(acceptedAt + handle, "agent finishes", () -> finishContact(track, agent, token, acceptedAt));
        }
    }

    @Override
    public void entrySaved(QueueEntry entry) {
        if (entry.heldBy() != null) {
            // Kept in the store as held by an agent (for a router that takes over): out of the waiting queue.
            stored.remove(entry.contactId());
            return;
        }
        stored.add(entry.contactId());
        ContactTrack track = tracks.get(entry.contactId());
        if (track != null && track.state == ContactTrack.State.HELD) {
            // Back in the queue: an absent agent's chats after the grace period, or a callback to try again.
            track.holder = null;
            setState(track, ContactTrack.State.QUEUED);
        }
    }

    @Override
    public void entryRemoved(String contactId) {
        stored.remove(contactId);
    }

    @Override
    public void abandoned(String contactId, Channel channel, String queue, long waitedMillis) {
        ContactTrack track = tracks.get(contactId);
        track.abandoned = true;
        track.abandonedAt = now();
        track.holder = null;
        setState(track, ContactTrack.State.ABANDONED);
        abandonedSinceLastStep.add(track);
    }

    @Override
    public void callbackCreated(String contactId, int attempt, Instant notBefore) {
        ContactTrack track = tracks.get(contactId);
        track.callbacksCreated++;
        track.holder = null;
        setState(track, ContactTrack.State.QUEUED);
    }

    @Override
    public void callbackClosed(String contactId, CallbackOutcome.Result result, int attempt, boolean givingUp) {
        if (givingUp) {
            ContactTrack track = tracks.get(contactId);
            track.holder = null;
            setState(track, ContactTrack.State.GAVE_UP);
        }
    }

    @Override
    public void presenceChanged(String agentId, Presence from, Presence to, long at) {
        if (to != Presence.AWAY) {
            return;
        }
        AgentTally agent = agents.get(agentId);
        agent.aways++;
        long back = agent.agent.behaviour().backFromAway().sampleMillis(agent.random);
        calendar.at(now() + back, "agent back from away", () -> {
            if (!agent.onBreak && router.status(agentId).presence() == Presence.AWAY) {
                router.presence(agentId, Presence.AVAILABLE, null);
            }
        });
    }

    // ---------------------------------------------------------------- views for observers and reports

    public Router router() {
        return router;
    }

    public Scenario scenario() {
        return scenario;
    }

    public ContactTrack track(String contactId) {
        return tracks.get(contactId);
    }

    public Collection<ContactTrack> tracks() {
        return Collections.unmodifiableCollection(tracks.values());
    }

    public Collection<AgentTally> agents() {
        return Collections.unmodifiableCollection(agents.values());
    }

    public int arrivals() {
        return generated;
    }

    public int count(ContactTrack.State state) {
        return counts.get(state);
    }

    /** The ids the queue store would hold now, from the router's write-through events. */
    public Set<String> stored() {
        return Collections.unmodifiableSet(stored);
    }

    /** Contacts that hung up in the last step. */
    public List<ContactTrack> abandonedInLastStep() {
        return Collections.unmodifiableList(abandonedSinceLastStep);
    }

    /** Things the router did that a desk would not expect (an assign of a held contact, a refused finish). */
    public List<String> anomalies() {
        return Collections.unmodifiableList(anomalies);
    }

    public long steps() {
        return steps;
    }
}
