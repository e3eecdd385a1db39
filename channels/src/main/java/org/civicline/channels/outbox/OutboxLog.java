package org.civicline.channels.outbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.civicline.core.PhoneMask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last outgoing messages of this node, newest first, with their delivery status. In the embedded default it is
 * where SMS and WeChat messages go instead of the vendors, so the demo UI can show them.
 */
public final class OutboxLog {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxLog.class);
    private final int capacity;
    private final Deque<OutboxEntry> entries = new ArrayDeque<>();

    public OutboxLog(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void record(OutboxEntry entry) {
        entries.removeIf(e -> e.id().equals(entry.id()));
        entries.addFirst(entry);
        while (entries.size() > capacity) {
            entries.removeLast();
        }
        LOG.info("outbox {} {} to {}: {} ({} attempt(s){})", entry.channel(), entry.purpose(), mask(entry.to()),
                entry.status(), entry.attempts(), entry.detail() == null ? "" : ", " + entry.detail());
    }

    /** Replaces the entry {@code oldId} by {@code entry}, e.g. once the vendor gave the message its own id. */
    public synchronized void replace(String oldId, OutboxEntry entry) {
        entries.removeIf(e -> e.id().equals(oldId));
        record(entry);
    }

    /** The entry with {@code id}, to update it when the vendor reports delivery. */
    public synchronized Optional<OutboxEntry> find(String id) {
        return entries.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    public synchronized List<OutboxEntry> recent(int limit) {
        return new ArrayList<>(entries).subList(0, Math.min(limit, entries.size()));
    }

    private static String mask(String to) {
        return to != null && to.matches("\\+?[0-9]{7,}") ? PhoneMask.mask(to) : to;
    }
}
