package org.civicline.routing.simulation;

import org.civicline.core.routing.CallbackOutcome;
import java.util.random.RandomGenerator;

/**
 * How a simulated agent acts on the floor.
 *
 * @param answerDelay       from an offer to the accept or reject
 * @param rejectShare       share of offers rejected
 * @param ignoreShare       share of offers left to time out
 * @param workBetweenBreaks time between breaks; {@code null}: no breaks
 * @param breakLength       how long a break lasts
 * @param backFromAway      how long an agent set away (missed offers) takes to go ready again
 * @param dialTime          from accepting a callback to knowing whether the resident answered
 * @param reachedShare      callbacks that reach the resident; the rest split between no answer, busy and wrong number
 */
public record AgentBehaviour(Delay answerDelay, double rejectShare, double ignoreShare, Delay workBetweenBreaks,
                             Delay breakLength, Delay backFromAway, Delay dialTime, double reachedShare) {

    /** Accepts everything at once and never leaves: the agents of the Erlang C model. */
    public static AgentBehaviour instant() {
        return new AgentBehaviour(Delay.fixed(0), 0, 0, null, Delay.fixed(0), Delay.fixed(0), Delay.fixed(0), 1);
    }

    /** A realistic floor: a few seconds to answer, the odd rejection and missed offer, a break every hour or so. */
    public static AgentBehaviour typical() {
        return new AgentBehaviour(Delay.uniform(1, 8), 0.03, 0.02, Delay.exponential(3600), Delay.uniform(300, 900),
                Delay.uniform(30, 180), Delay.uniform(10, 30), 0.6);
    }

    enum Answer { ACCEPT, REJECT, IGNORE }

    Answer decide(RandomGenerator random) {
        double d = random.nextDouble();
        if (d < ignoreShare) {
            return Answer.IGNORE;
        }
        return d < ignoreShare + rejectShare ? Answer.REJECT : Answer.ACCEPT;
    }

    CallbackOutcome.Result dial(RandomGenerator random) {
        double d = random.nextDouble();
        if (d < reachedShare) {
            return CallbackOutcome.Result.REACHED;
        }
        double rest = (d - reachedShare) / (1 - reachedShare);
        return rest < 0.6 ? CallbackOutcome.Result.NO_ANSWER
                : rest < 0.9 ? CallbackOutcome.Result.BUSY : CallbackOutcome.Result.WRONG_NUMBER;
    }
}
