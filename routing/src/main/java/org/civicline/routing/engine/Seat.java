package org.civicline.routing.engine;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicline.core.model.Agent;
import org.civicline.core.model.Channel;
import org.civicline.core.routing.Presence;

/** An agent as the router holds it: presence, what they hold, what they are offered. */
public final class Seat {
    final String id;
    Agent profile;
    Presence presence = Presence.OFFLINE;
    String reason;
    long since;
    long wrapUpUntil;
    /** When the agent last became free: longest idle goes first. */
    long idleSince;
    Offer offer;
    int missedOffers;
    long lastHeartbeat;
    boolean heartbeatTimerArmed;
    /** Bumped on every presence change; stale timers compare it. */
    int generation;
    final Map<String, Waiting> holding = new LinkedHashMap<>();
    final EnumMap<Channel.Medium, Integer> load = new EnumMap<>(Channel.Medium.class);
    long assignedCount;
    /** Lanes this agent may serve, cached for {@link #lanesVersion}. */
    List<Lane> lanes = List.of();
    int lanesVersion = -1;

    Seat(Agent profile) {
        this.id = profile.id();
        this.profile = profile;
    }

    public String id() {
        return id;
    }

    public Agent profile() {
        return profile;
    }

    public Presence presence() {
        return presence;
    }

    public long idleSince() {
        return idleSince;
    }

    public long assignedCount() {
        return assignedCount;
    }

    public int load(Channel.Medium medium) {
        return load.getOrDefault(medium, 0);
    }

    public int capacity(Channel.Medium medium) {
        return profile.capacity().getOrDefault(medium, medium == Channel.Medium.VOICE ? 1 : 0);
    }

    /** Share of the capacity in use over every medium the agent takes, 0..1. */
    public double occupancy() {
        int used = 0;
        int total = 0;
        for (Channel.Medium m : Channel.Medium.values()) {
            used += load(m);
            total += capacity(m);
        }
        return total == 0 ? 1 : (double) used / total;
    }

    public int skillLevel(String skill) {
        return profile.skills().getOrDefault(skill, 0);
    }

    boolean hasSkills(List<String> skills) {
        for (String s : skills) {
            if (!profile.skills().containsKey(s)) {
                return false;
            }
        }
        return true;
    }

    /** Ready and with no offer outstanding: may be offered something if it fits the capacity. */
    boolean offerable() {
        return presence == Presence.AVAILABLE && offer == null;
    }

    boolean hasRoomFor(Channel.Medium medium, boolean voiceBlocksOtherMedia) {
        if (load(medium) >= capacity(medium)) {
            return false;
        }
        return !voiceBlocksOtherMedia || medium == Channel.Medium.VOICE || load(Channel.Medium.VOICE) == 0;
    }

    void addLoad(Channel.Medium medium, int delta) {
        load.merge(medium, delta, Integer::sum);
    }
}
