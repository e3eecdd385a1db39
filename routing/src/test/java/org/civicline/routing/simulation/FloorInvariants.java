package org.civicline.routing.simulation;

import static org.assertj.core.api.Assertions.fail;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.civicline.core.routing.QueueEntry;
import org.civicline.routing.engine.Router;

/**
 * The invariants, checked after every step of a simulation: exactly one holder per contact, no contact
 * lost, no ready matching agent while a contact waits, a callback for every abandoned caller with a number.
 */
final class FloorInvariants implements Simulation.StepObserver {
    /** Every this many steps, the whole queue is compared id by id (counts are compared after every step). */
    private static final int FULL_CHECK_EVERY = 500;

    long stepsChecked;
    /** The longest the queue got, so a test can see that the invariants were tried on a floor under pressure. */
    int mostWaiting;

    @Override
    public void afterStep(Simulation sim, String event) {
        stepsChecked++;
        Router router = sim.router();
        String where = " — after step " + sim.steps() + " (" + event + ") at " + sim.now() + " ms";

        // Exactly one holder: no contact in two agents' hands, and the router's holders are the floor's.
        Map<String, String> holders = new HashMap<>();
        for (AgentTally agent : sim.agents()) {
            for (String contactId : router.status(agent.id()).contactIds()) {
                String other = holders.put(contactId, agent.id());
                if (other != null) {
                    fail(contactId + " is held by both " + other + " and " + agent.id() + where);
                }
                ContactTrack track = sim.track(contactId);
                if (track.state() != ContactTrack.State.HELD || !agent.id().equals(track.holder())) {
                    fail(agent.id() + " holds " + track + " but the floor did not hand it over" + where);
                }
            }
        }
        if (holders.size() != sim.count(ContactTrack.State.HELD)) {
            fail("the router's agents hold " + holders.size() + " contacts, the floor counts "
                    + sim.count(ContactTrack.State.HELD) + where);
        }

        // No contact lost: every arrival is queued, held, or closed, and the queue is what the store would hold.
        int accounted = 0;
        for (ContactTrack.State s : ContactTrack.State.values()) {
            accounted += sim.count(s);
        }
        if (accounted != sim.arrivals()) {
            fail(sim.arrivals() + " arrivals but " + accounted + " accounted for" + where);
        }
        int queued = sim.count(ContactTrack.State.QUEUED);
        mostWaiting = Math.max(mostWaiting, queued);
        if (router.waitingCount() != queued || sim.stored().size() != queued) {
            fail("the router queues " + router.waitingCount() + ", the store holds " + sim.stored().size()
                    + ", the floor counts " + queued + where);
        }
        if (stepsChecked % FULL_CHECK_EVERY == 0) {
            everyContactAccountedFor(sim, where);
        }

        // Work conservation: nothing waits unoffered while an agent who could take it is ready with room.
        if (!router.isWorkConserving()) {
            fail("a contact waits while a matching agent is ready" + where + "\n" + router.live());
        }

        // Every caller who hung up and left a number has a callback task.
        for (ContactTrack track : sim.abandonedInLastStep()) {
            if (track.channel().isVoice() && isDialable(track.sender()) && track.callbacksCreated() == 0) {
                fail(track + " hung up with number " + track.sender() + " and got no callback task" + where);
            }
        }
    }

    /** Id by id: the router's queue, the store and the floor's ledger name the same contacts. */
    static void everyContactAccountedFor(Simulation sim, String where) {
        Set<String> inRouter = new HashSet<>();
        for (QueueEntry entry : sim.router().entries()) {
            if (!inRouter.add(entry.contactId())) {
                fail(entry.contactId() + " is queued twice" + where);
            }
        }
        Set<String> queuedOnFloor = new HashSet<>();
        Map<ContactTrack.State, Integer> byState = new EnumMap<>(ContactTrack.State.class);
        for (ContactTrack track : sim.tracks()) {
            byState.merge(track.state(), 1, Integer::sum);
            if (track.state() == ContactTrack.State.QUEUED) {
                queuedOnFloor.add(track.id());
            }
        }
        if (!inRouter.equals(queuedOnFloor) || !inRouter.equals(sim.stored())) {
            Set<String> missing = new HashSet<>(queuedOnFloor);
            missing.removeAll(inRouter);
            Set<String> extra = new HashSet<>(inRouter);
            extra.removeAll(queuedOnFloor);
            fail("queue mismatch: lost from the router " + missing + ", unknown to the floor " + extra + where);
        }
        for (ContactTrack.State s : ContactTrack.State.values()) {
            if (byState.getOrDefault(s, 0) != sim.count(s)) {
                fail("the ledger counts " + sim.count(s) + " " + s + " but lists " + byState.get(s) + where);
            }
        }
    }

    static boolean isDialable(String number) {
        return number != null && number.matches("\\+?[0-9]{3,20}");
    }
}
