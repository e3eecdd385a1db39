package org.civicline.routing.simulation;

import java.util.random.RandomGenerator;

/** What one simulated agent was offered and did. */
public final class AgentTally {
    final SimAgent agent;
    final RandomGenerator random;
    boolean onBreak;
    int offers;
    int accepted;
    int rejected;
    int ignored;
    int assigned;
    int aways;
    int breaks;
    long busyMillis;

    AgentTally(SimAgent agent, RandomGenerator random) {
        this.agent = agent;
        this.random = random;
    }

    public String id() {
        return agent.profile().id();
    }

    public String group() {
        return agent.group();
    }

    public int offers() {
        return offers;
    }

    public int rejected() {
        return rejected;
    }

    public int ignored() {
        return ignored;
    }

    /** Contacts (and callbacks) this agent accepted. */
    public int assigned() {
        return assigned;
    }

    public int aways() {
        return aways;
    }

    public int breaks() {
        return breaks;
    }

    /** Time spent holding contacts, from accept to finish, summed over contacts. */
    public long busyMillis() {
        return busyMillis;
    }
}
