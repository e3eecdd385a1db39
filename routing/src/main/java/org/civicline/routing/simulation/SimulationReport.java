package org.civicline.routing.simulation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.civicline.core.model.Channel;

/**
 * What a run produced: every contact's track and every agent's tally, and the figures computed from them.
 *
 * <p>Definitions: the wait (speed of answer) runs from arrival to the accept of the contact itself; callbacks made
 * for abandoned callers are counted apart. Service level = answered within the queue's threshold / (answered +
 * abandoned). P(wait) = share of answered contacts that were not offered in the millisecond they arrived.
 */
public final class SimulationReport {

    /** The figures of one channel. */
    public record ChannelKpi(Channel channel, int offered, int answered, int abandoned, int thresholdSeconds,
                             double serviceLevel, double asaSeconds, double maxWaitSeconds, double timeToOfferSeconds) {
    }

    /** How evenly the work spread over the agents of one group (same skills, same behaviour). */
    public record GroupSpread(String group, int agents, int min, int max, double mean, double cv) {
        /** (max − min) / mean. */
        public double spread() {
            return mean == 0 ? 0 : (max - min) / mean;
        }
    }

    private final Scenario scenario;
    private final long durationMillis;
    private final long steps;
    private final List<ContactTrack> tracks;
    private final List<AgentTally> agents;
    private final int stillWaiting;
    private final List<String> anomalies;

    SimulationReport(Scenario scenario, long durationMillis, long steps, List<ContactTrack> tracks,
                     List<AgentTally> agents, int stillWaiting, List<String> anomalies) {
        this.scenario = scenario;
        this.durationMillis = durationMillis;
        this.steps = steps;
        this.tracks = tracks;
        this.agents = agents;
        this.stillWaiting = stillWaiting;
        this.anomalies = anomalies;
    }

    public List<ContactTrack> tracks() {
        return tracks;
    }

    public List<AgentTally> agents() {
        return agents;
    }

    public long durationMillis() {
        return durationMillis;
    }

    public long steps() {
        return steps;
    }

    public int stillWaiting() {
        return stillWaiting;
    }

    public List<String> anomalies() {
        return anomalies;
    }

    public Map<ContactTrack.State, Integer> states() {
        Map<ContactTrack.State, Integer> states = new EnumMap<>(ContactTrack.State.class);
        for (ContactTrack.State s : ContactTrack.State.values()) {
            states.put(s, 0);
        }
        for (ContactTrack t : tracks) {
            states.merge(t.state, 1, Integer::sum);
        }
        return states;
    }

    // ---------------------------------------------------------------- queueing figures over all contacts

    /** Share of answered contacts that had to wait at all. */
    public double probabilityOfWaiting() {
        long answered = 0;
        long waited = 0;
        for (ContactTrack t : tracks) {
            if (t.answeredAt >= 0) {
                answered++;
                if (t.answeredAt > t.arrivedAt) {
                    waited++;
                }
            }
        }
        return answered == 0 ? 0 : (double) waited / answered;
    }

    /** Answered within {@code seconds} / (answered + abandoned). */
    public double serviceLevel(double seconds) {
        long within = 0;
        long total = 0;
        for (ContactTrack t : tracks) {
            if (t.answeredAt >= 0 || t.abandoned) {
                total++;
                if (t.answeredAt >= 0 && t.answeredAt - t.arrivedAt <= seconds * 1000) {
                    within++;
                }
            }
        }
        return total == 0 ? 0 : (double) within / total;
    }

    /** Average speed of answer in seconds, over answered contacts. */
    public double asaSeconds() {
        long answered = 0;
        double sum = 0;
        for (ContactTrack t : tracks) {
            if (t.answeredAt >= 0) {
                answered++;
                sum += t.answeredAt - t.arrivedAt;
            }
        }
        return answered == 0 ? 0 : sum / answered / 1000;
    }

    /** Time agents spent holding contacts / (agents × the time until the last arrival). */
    public double occupancy() {
        long busy = 0;
        for (AgentTally a : agents) {
            busy += a.busyMillis;
        }
        long lastArrival = 0;
        for (ContactTrack t : tracks) {
            lastArrival = Math.max(lastArrival, t.arrivedAt);
        }
        return lastArrival == 0 ? 0 : (double) busy / ((double) agents.size() * lastArrival);
    }

    // ---------------------------------------------------------------- per channel and per group

    public List<ChannelKpi> channels() {
        Map<Channel, List<ContactTrack>> byChannel = new EnumMap<>(Channel.class);
        for (ContactTrack t : tracks) {
            byChannel.computeIfAbsent(t.channel, c -> new ArrayList<>()).add(t);
        }
        List<ChannelKpi> kpis = new ArrayList<>();
        byChannel.forEach((channel, list) -> {
            int threshold = scenario.config().queueFor(channel).serviceLevelSeconds();
            int answered = 0;
            int abandoned = 0;
            int within = 0;
            int offeredOnce = 0;
            double waitSum = 0;
            double offerSum = 0;
            long maxWait = 0;
            for (ContactTrack t : list) {
                if (t.answeredAt >= 0) {
                    answered++;
                    long wait = t.answeredAt - t.arrivedAt;
                    waitSum += wait;
                    maxWait = Math.max(maxWait, wait);
                    if (wait <= threshold * 1000L) {
                        within++;
                    }
                }
                if (t.abandoned) {
                    abandoned++;
                }
                if (t.firstOfferAt >= 0) {
                    offeredOnce++;
                    offerSum += t.firstOfferAt - t.arrivedAt;
                }
            }
            kpis.add(new ChannelKpi(channel, list.size(), answered, abandoned, threshold,
                    answered + abandoned == 0 ? 0 : (double) within / (answered + abandoned),
                    answered == 0 ? 0 : waitSum / answered / 1000, maxWait / 1000.0,
                    offeredOnce == 0 ? 0 : offerSum / offeredOnce / 1000));
        });
        return kpis;
    }

    public List<GroupSpread> fairness() {
        Map<String, List<AgentTally>> byGroup = new TreeMap<>();
        for (AgentTally a : agents) {
            byGroup.computeIfAbsent(a.group(), g -> new ArrayList<>()).add(a);
        }
        List<GroupSpread> spreads = new ArrayList<>();
        byGroup.forEach((group, list) -> {
            int min = Integer.MAX_VALUE;
            int max = 0;
            double sum = 0;
            for (AgentTally a : list) {
                min = Math.min(min, a.assigned);
                max = Math.max(max, a.assigned);
                sum += a.assigned;
            }
            double mean = sum / list.size();
            double squares = 0;
            for (AgentTally a : list) {
                squares += (a.assigned - mean) * (a.assigned - mean);
            }
            double cv = mean == 0 ? 0 : Math.sqrt(squares / list.size()) / mean;
            spreads.add(new GroupSpread(group, list.size(), min, max, mean, cv));
        });
        return spreads;
    }

    /** A printable summary: channels, fairness, where every contact ended. */
    public String format() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d contacts, %d steps, %.1f simulated hours%n", tracks.size(), steps,
                durationMillis / 3_600_000.0));
        out.append(String.format(Locale.ROOT, "%-14s %8s %8s %9s %12s %8s %9s %10s%n", "channel", "offered",
                "answered", "abandoned", "SL", "ASA s", "max wait", "to offer s"));
        for (ChannelKpi k : channels()) {
            out.append(String.format(Locale.ROOT, "%-14s %8d %8d %9d %6.1f%% <%3ds %8.1f %9.0f %10.1f%n",
                    k.channel(), k.offered(), k.answered(), k.abandoned(), 100 * k.serviceLevel(),
                    k.thresholdSeconds(), k.asaSeconds(), k.maxWaitSeconds(), k.timeToOfferSeconds()));
        }
        out.append(String.format(Locale.ROOT, "%-14s %6s %6s %6s %8s %8s %6s%n", "agent group", "agents", "min",
                "max", "mean", "spread", "cv"));
        for (GroupSpread g : fairness()) {
            out.append(String.format(Locale.ROOT, "%-14s %6d %6d %6d %8.1f %7.1f%% %5.1f%%%n", g.group(),
                    g.agents(), g.min(), g.max(), g.mean(), 100 * g.spread(), 100 * g.cv()));
        }
        out.append("where every contact ended: ").append(states()).append(System.lineSeparator());
        return out.toString();
    }
}
