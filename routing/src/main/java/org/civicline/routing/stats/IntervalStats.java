package org.civicline.routing.stats;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.civicline.core.model.Channel;
import org.civicline.core.routing.ContactAssigned;
import org.civicline.core.routing.Presence;
import org.civicline.routing.config.RoutingConfig;
import org.civicline.routing.engine.RoutingListener;

/**
 * Interval statistics (every N minutes, rolled up per day) from the router's events. Each event counts in the
 * interval in which it happened; agent time is cut at interval ends by the state change that follows.
 */
public final class IntervalStats implements RoutingListener {
    private final RoutingConfig config;
    private final ZoneId zone;
    private final long intervalMillis;
    private final java.time.Clock clock;
    /** interval start → channel → counters. */
    private final TreeMap<Long, EnumMap<Channel, IntervalCounters>> intervals = new TreeMap<>();
    /** interval start → [staffed ms, busy ms]. */
    private final TreeMap<Long, long[]> agentTime = new TreeMap<>();
    private final Map<String, AgentClock> agents = new HashMap<>();
    /** contact → agent holding it, to book the agent's time when it is finished. */
    private final Map<String, String> holder = new HashMap<>();

    private static final class AgentClock {
        Presence presence = Presence.OFFLINE;
        long since;
        int holding;
        Channel lastChannel;
    }

    public IntervalStats(RoutingConfig config, ZoneId zone, java.time.Clock clock) {
        this.config = config;
        this.zone = zone;
        this.clock = clock;
        this.intervalMillis = config.statsIntervalMinutes() * 60_000L;
    }

    @Override
    public void entered(String contactId, Channel channel, String queue, Instant at) {
        counters(at.toEpochMilli(), channel).offered++;
    }

    @Override
    public void assigned(ContactAssigned a, String queue, long waitedMillis) {
        long now = clock.millis();
        IntervalCounters c = counters(now, a.channel());
        c.answered++;
        c.waitMillisOfAnswered += waitedMillis;
        if (waitedMillis <= serviceLevelSeconds(a.channel()) * 1000L) {
            c.answeredWithinTarget++;
        }
        holder.put(a.contactId(), a.agentId());
        AgentClock agent = agent(a.agentId());
        cut(agent, now);
        agent.holding++;
    }

    @Override
    public void abandoned(String contactId, Channel channel, String queue, long waitedMillis) {
        counters(clock.millis(), channel).abandoned++;
    }

    @Override
    public void finished(String contactId, Channel channel, String queue, long handleMillis) {
        IntervalCounters c = counters(clock.millis(), channel);
        c.handled++;
        c.handleMillis += handleMillis;
        String agentId = holder.remove(contactId);
        if (agentId != null) {
            AgentClock agent = agent(agentId);
            cut(agent, clock.millis());
            agent.holding = Math.max(0, agent.holding - 1);
            agent.lastChannel = channel;
        }
    }

    @Override
    public void presenceChanged(String agentId, Presence from, Presence to, long at) {
        AgentClock agent = agent(agentId);
        long wrapStarted = agent.since;
        cut(agent, at);
        if (from == Presence.WRAP_UP && agent.lastChannel != null) {
            // Wrap-up is part of the handle time of the contact the agent last finished.
            counters(at, agent.lastChannel).wrapUpMillis += at - wrapStarted;
        }
        agent.presence = to;
    }

    /** Rows per interval and channel from {@code from} to {@code to}, plus a total row per interval. */
    public List<IntervalReport> report(Instant from, Instant to) {
        List<IntervalReport> rows = new ArrayList<>();
        long start = bucket(from.toEpochMilli());
        for (long b = start; b < to.toEpochMilli(); b += intervalMillis) {
            rows.addAll(rowsOf(b, b + intervalMillis, Map.of(b, intervals.getOrDefault(b, new EnumMap<>(Channel.class))),
                    agentTime.get(b)));
        }
        return rows;
    }

    /** One day (in the center's zone) rolled up: a row per channel and a total. */
    public List<IntervalReport> day(LocalDate day) {
        long from = day.atStartOfDay(zone).toInstant().toEpochMilli();
        long to = day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        long[] time = new long[2];
        agentTime.subMap(from, to).values().forEach(t -> {
            time[0] += t[0];
            time[1] += t[1];
        });
        return rowsOf(from, to, intervals.subMap(from, to), time);
    }

    private List<IntervalReport> rowsOf(long from, long to, Map<Long, EnumMap<Channel, IntervalCounters>> buckets,
                                        long[] time) {
        EnumMap<Channel, IntervalCounters> byChannel = new EnumMap<>(Channel.class);
        for (EnumMap<Channel, IntervalCounters> bucket : buckets.values()) {
            bucket.forEach((channel, c) -> byChannel.computeIfAbsent(channel, k -> new IntervalCounters()).add(c));
        }
        Instant f = Instant.ofEpochMilli(from);
        Instant t = Instant.ofEpochMilli(to);
        List<IntervalReport> rows = new ArrayList<>();
        IntervalCounters total = new IntervalCounters();
        byChannel.forEach((channel, c) -> {
            rows.add(IntervalReport.of(f, t, channel, c, null));
            total.add(c);
        });
        Double occupancy = time == null || time[0] == 0 ? null : Math.round(10_000.0 * time[1] / time[0]) / 10_000.0;
        rows.add(IntervalReport.of(f, t, null, total, occupancy));
        return rows;
    }

    private IntervalCounters counters(long at, Channel channel) {
        IntervalCounters c = intervals.computeIfAbsent(bucket(at), b -> new EnumMap<>(Channel.class))
                .computeIfAbsent(channel, k -> new IntervalCounters());
        c.serviceLevelSeconds = serviceLevelSeconds(channel);
        return c;
    }

    private int serviceLevelSeconds(Channel channel) {
        return config.queueFor(channel).serviceLevelSeconds();
    }

    private AgentClock agent(String agentId) {
        return agents.computeIfAbsent(agentId, id -> {
            AgentClock clock = new AgentClock();
            clock.since = this.clock.millis();
            return clock;
        });
    }

    /** Books the agent's time since the last cut into the intervals it spans. */
    private void cut(AgentClock agent, long now) {
        boolean staffed = agent.presence == Presence.AVAILABLE || agent.presence == Presence.WRAP_UP
                || agent.presence == Presence.BUSY;
        boolean busy = staffed && (agent.holding > 0 || agent.presence == Presence.WRAP_UP);
        long t = agent.since;
        while (staffed && t < now) {
            long end = Math.min(now, bucket(t) + intervalMillis);
            long[] time = agentTime.computeIfAbsent(bucket(t), b -> new long[2]);
            time[0] += end - t;
            if (busy) {
                time[1] += end - t;
            }
            t = end;
        }
        agent.since = now;
    }

    private long bucket(long millis) {
        long offset = zone.getRules().getOffset(Instant.ofEpochMilli(millis)).getTotalSeconds() * 1000L;
        return Math.floorDiv(millis + offset, intervalMillis) * intervalMillis - offset;
    }

    Duration interval() {
        return Duration.ofMillis(intervalMillis);
    }
}
