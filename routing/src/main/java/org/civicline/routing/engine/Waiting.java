package org.civicline.routing.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.civicline.core.model.CallReference;
import org.civicline.core.model.Channel;
import org.civicline.core.model.Priority;
import org.civicline.core.routing.QueueEntry;
import org.civicline.routing.config.QueueConfig;

/**
 * A contact in the one queue, as small as routing needs it (the text and attachments stay in the contact store).
 * Its place is {@code (enqueuedAt, sequence)}; it keeps that place through rejections, overflow and a callback
 * request.
 */
final class Waiting {
    final String contactId;
    final Channel channel;
    final Priority priority;
    final String sender;
    final CallReference call;
    final List<List<String>> needSteps;
    final long enqueuedAt;
    final long sequence;
    final QueueConfig queue;
    final PriorityClass priorityClass;

    int step;
    long notBefore;
    boolean callback;
    String callbackPhone;
    int attempt;
    boolean alerted;
    boolean outcomeRecorded;
    long assignedAt;
    Lane lane;
    Offer offer;
    Seat holder;
    /** Agents who rejected or missed this contact, until when they are not asked again. */
    Map<String, Long> cooldown;

    Waiting(String contactId, Channel channel, Priority priority, String sender, CallReference call,
            List<List<String>> needSteps, long enqueuedAt, long sequence, QueueConfig queue,
            PriorityClass priorityClass) {
        this.contactId = contactId;
        this.channel = channel;
        this.priority = priority;
        this.sender = sender;
        this.call = call;
        this.needSteps = needSteps;
        this.enqueuedAt = enqueuedAt;
        this.sequence = sequence;
        this.queue = queue;
        this.priorityClass = priorityClass;
    }

    List<String> needs() {
        return needSteps.get(step);
    }

    Channel.Medium medium() {
        // A callback is a phone call the agent makes, whatever channel the contact came from.
        return callback ? Channel.Medium.VOICE : channel.medium();
    }

    boolean coolingDown(String agentId, long now) {
        if (cooldown == null) {
            return false;
        }
        Long until = cooldown.get(agentId);
        return until != null && until > now;
    }

    void coolDown(String agentId, long until) {
        if (cooldown == null) {
            cooldown = new HashMap<>(4);
        }
        cooldown.put(agentId, until);
    }

    QueueEntry toEntry() {
        return new QueueEntry(contactId, channel, priority, sender, call, needSteps,
                java.time.Instant.ofEpochMilli(enqueuedAt), sequence, step,
                notBefore == 0 ? null : java.time.Instant.ofEpochMilli(notBefore), callback, callbackPhone, attempt,
                priorityClass.name(), holder == null ? null : holder.id);
    }
}
