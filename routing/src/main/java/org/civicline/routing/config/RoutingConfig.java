package org.civicline.routing.config;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.civicline.core.config.ConfigSection;
import org.civicline.core.model.Channel;
import org.civicline.routing.engine.PriorityClass;
import org.civicline.routing.strategy.Strategies;

/**
 * The {@code routing} section of application.yaml.
 *
 * @param awayAfterMissedOffers   consecutive offers an agent lets time out before being set away (autopause)
 * @param heartbeatTimeoutSeconds an agent whose desk sends no heartbeat for this long is signed out (0: never)
 * @param chatGraceSeconds        a signed-out agent's open chats go back to the queue after this long
 * @param rejectCooldownSeconds   an agent who rejected a contact is not offered it again for this long
 * @param voiceBlocksOtherMedia   an agent on a call gets no new chats, SMS or letters
 */
public record RoutingConfig(
        List<QueueConfig> queues,
        Map<PriorityClass, PriorityClassConfig> priorities,
        CallbackConfig callbacks,
        int awayAfterMissedOffers,
        int heartbeatTimeoutSeconds,
        int chatGraceSeconds,
        int rejectCooldownSeconds,
        Boolean voiceBlocksOtherMedia,
        int statsIntervalMinutes) implements ConfigSection {

    public RoutingConfig {
        queues = queues == null || queues.isEmpty() ? defaultQueues() : List.copyOf(queues);
        Map<PriorityClass, PriorityClassConfig> merged = new EnumMap<>(PriorityClass.class);
        for (PriorityClass c : PriorityClass.values()) {
            merged.put(c, c.defaults());
        }
        if (priorities != null) {
            merged.putAll(priorities);
        }
        priorities = Map.copyOf(merged);
        callbacks = callbacks == null ? new CallbackConfig(null, null, null) : callbacks;
        awayAfterMissedOffers = awayAfterMissedOffers == 0 ? 2 : awayAfterMissedOffers;
        chatGraceSeconds = chatGraceSeconds == 0 ? 60 : chatGraceSeconds;
        rejectCooldownSeconds = rejectCooldownSeconds == 0 ? 30 : rejectCooldownSeconds;
        voiceBlocksOtherMedia = voiceBlocksOtherMedia == null ? Boolean.TRUE : voiceBlocksOtherMedia;
        statsIntervalMinutes = statsIntervalMinutes == 0 ? 15 : statsIntervalMinutes;
    }

    public static RoutingConfig defaults() {
        return new RoutingConfig(null, null, null, 0, 0, 0, 0, null, 0);
    }

    /** The queue serving {@code channel}. */
    public QueueConfig queueFor(Channel channel) {
        for (QueueConfig q : queues) {
            if (q.channels().contains(channel)) {
                return q;
            }
        }
        throw new IllegalStateException("no routing queue serves " + channel);
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        Set<Channel> served = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < queues.size(); i++) {
            QueueConfig q = queues.get(i);
            problems.addAll(q.problems("queues[" + i + "]"));
            if (!names.add(q.name())) {
                problems.add("queues[" + i + "].name: '" + q.name() + "' is used twice");
            }
            if (!Strategies.names().contains(q.strategy())) {
                problems.add("queues[" + i + "].strategy: expected one of " + Strategies.names() + ", got '"
                        + q.strategy() + "'");
            }
            for (Channel c : q.channels()) {
                if (!served.add(c)) {
                    problems.add("queues[" + i + "].channels: " + c + " is served by two queues");
                }
            }
        }
        for (Channel c : Channel.values()) {
            if (!served.contains(c)) {
                problems.add("queues: no queue serves " + c);
            }
        }
        problems.addAll(callbacks.problems());
        if (awayAfterMissedOffers < 1 || heartbeatTimeoutSeconds < 0 || chatGraceSeconds < 0
                || rejectCooldownSeconds < 0) {
            problems.add("awayAfterMissedOffers must be at least 1; timeouts cannot be negative");
        }
        return problems;
    }

    private static List<QueueConfig> defaultQueues() {
        return List.of(
                new QueueConfig("elderly", Set.of(Channel.ONE_TOUCH, Channel.ELDER_12349), "LONGEST_IDLE", 10,
                        List.of(10), 20, 30, 10, 0.9),
                new QueueConfig("hotline", Set.of(Channel.HOTLINE_12345, Channel.HOTLINE_8890), "LONGEST_IDLE", 15,
                        List.of(20, 40), 60, 30, 15, 0.8),
                new QueueConfig("messages", Set.of(Channel.WECHAT, Channel.SMS), "LEAST_OCCUPIED", 30,
                        List.of(60), 180, 10, 180, 0.8),
                new QueueConfig("letters", Set.of(Channel.APP, Channel.MAILBOX, Channel.OPEN311), "ROUND_ROBIN", 60,
                        List.of(3600), 43_200, 0, 86_400, 0.9));
    }
}
