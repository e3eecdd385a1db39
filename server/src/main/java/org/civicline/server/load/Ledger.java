package org.civicline.server.load;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;

/**
 * Every contact the tool sent, by its sender (unique per contact: the tool never sends twice from one address), and
 * each phase's tallies. An offer seen on an agent's socket is matched to its arrival by the sender it names.
 */
final class Ledger {
    /** One contact sent. */
    static final class Entry {
        final String sender;
        final LoadChannel channel;
        final Phase phase;
        final long arrivalNanos;
        volatile boolean acknowledged;
        volatile boolean offered;
        volatile boolean accepted;
        /** What the acknowledgement named: a case number, a contact number; null when it named none. */
        volatile String reference;

        Entry(String sender, LoadChannel channel, Phase phase, long arrivalNanos) {
            this.sender = sender;
            this.channel = channel;
            this.phase = phase;
            this.arrivalNanos = arrivalNanos;
        }
    }

    /** Which part of the run a contact belongs to. */
    enum Phase { WARMUP, RUN, CAPACITY }

    private final Map<String, Entry> bySender = new ConcurrentHashMap<>();
    private final Map<Phase, Map<LoadChannel, ChannelTally>> tallies = new EnumMap<>(Phase.class);
    /** Per phase, how late the tool itself handed each contact to its HTTP client or PBX (µs, as the tallies). */
    private final Map<Phase, Histogram> toolLag = new EnumMap<>(Phase.class);
    private final long serviceLevelNanos;

    Ledger(long serviceLevelNanos) {
        this.serviceLevelNanos = serviceLevelNanos;
        for (Phase phase : Phase.values()) {
            Map<LoadChannel, ChannelTally> byChannel = new EnumMap<>(LoadChannel.class);
            for (LoadChannel channel : LoadChannel.values()) {
                byChannel.put(channel, new ChannelTally());
            }
            tallies.put(phase, byChannel);
            toolLag.put(phase, ChannelTally.latencies());
        }
    }

    Entry sent(String sender, LoadChannel channel, Phase phase, long arrivalNanos) {
        Entry entry = new Entry(sender, channel, phase, arrivalNanos);
        bySender.put(sender, entry);
        tally(phase, channel).sent.increment();
        return entry;
    }

    /**
     * The tool starts sending {@code entry} now: its delay past the scheduled arrival is the tool's own (a busy event
     * loop, a timer tick), and is part of every latency measured from that arrival.
     */
    void started(Entry entry, long nowNanos) {
        toolLag.get(entry.phase).recordValue(ChannelTally.clamp(nowNanos - entry.arrivalNanos));
    }

    Histogram toolLag(Phase phase) {
        return toolLag.get(phase).copy();
    }

    void acknowledged(Entry entry, String reference, long nowNanos) {
        entry.reference = reference;
        entry.acknowledged = true;
        tally(entry.phase, entry.channel).acknowledged(nowNanos - entry.arrivalNanos);
    }

    void failed(Entry entry, String kind) {
        tally(entry.phase, entry.channel).failed(kind);
    }

    /** An offer for {@code sender} reached an agent; offers of contacts this run did not send are ignored. */
    void offered(String sender, long nowNanos) {
        Entry entry = sender == null ? null : bySender.get(sender);
        if (entry == null || entry.offered) {
            return;
        }
        entry.offered = true;
        tally(entry.phase, entry.channel).offered(nowNanos - entry.arrivalNanos);
    }

    void accepted(String sender, long nowNanos) {
        Entry entry = sender == null ? null : bySender.get(sender);
        if (entry == null || entry.accepted) {
            return;
        }
        entry.accepted = true;
        ChannelTally tally = tally(entry.phase, entry.channel);
        tally.accepted.increment();
        if (nowNanos - entry.arrivalNanos <= serviceLevelNanos) {
            tally.acceptedInServiceLevel.increment();
        }
    }

    ChannelTally tally(Phase phase, LoadChannel channel) {
        return tallies.get(phase).get(channel);
    }

    Collection<Entry> entries() {
        return bySender.values();
    }

    /** Acknowledged contacts of a phase that no agent has been offered yet. */
    long waitingForOffer(Phase phase) {
        return bySender.values().stream().filter(e -> e.phase == phase && e.acknowledged && !e.offered).count();
    }
}
