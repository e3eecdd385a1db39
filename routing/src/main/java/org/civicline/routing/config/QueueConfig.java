package org.civicline.routing.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.civicline.core.model.Channel;

/**
 * One routing queue: which channels it serves and how it routes them. Every queue feeds the one ordered queue;
 * a queue's settings say how its contacts are offered.
 *
 * @param strategy             how an agent is chosen: LONGEST_IDLE, LEAST_OCCUPIED, SKILLS_SCORE, ROUND_ROBIN
 * @param offerTimeoutSeconds  how long an agent has to accept an offer
 * @param overflowAfterSeconds waiting times at which the contact's needs widen to the next step
 * @param alertAfterSeconds    waiting time after which supervisors are alerted (0: never)
 * @param wrapUpSeconds        wrap-up after a contact of this queue
 * @param serviceLevelSeconds  the service-level threshold: answered within this many seconds
 * @param serviceLevelTarget   share that should be answered within the threshold, e.g. 0.8
 */
public record QueueConfig(
        String name,
        Set<Channel> channels,
        String strategy,
        int offerTimeoutSeconds,
        List<Integer> overflowAfterSeconds,
        int alertAfterSeconds,
        int wrapUpSeconds,
        int serviceLevelSeconds,
        double serviceLevelTarget) {

    public QueueConfig {
        channels = channels == null ? Set.of() : Set.copyOf(channels);
        strategy = strategy == null ? "LONGEST_IDLE" : strategy;
        offerTimeoutSeconds = offerTimeoutSeconds == 0 ? 15 : offerTimeoutSeconds;
        overflowAfterSeconds = overflowAfterSeconds == null ? List.of() : List.copyOf(overflowAfterSeconds);
        serviceLevelSeconds = serviceLevelSeconds == 0 ? 15 : serviceLevelSeconds;
        serviceLevelTarget = serviceLevelTarget == 0 ? 0.8 : serviceLevelTarget;
    }

    List<String> problems(String key) {
        List<String> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add(key + ".name: required");
        }
        if (channels.isEmpty()) {
            problems.add(key + ".channels: list at least one channel");
        }
        if (offerTimeoutSeconds < 1) {
            problems.add(key + ".offerTimeoutSeconds: expected at least 1, got " + offerTimeoutSeconds);
        }
        for (int i = 1; i < overflowAfterSeconds.size(); i++) {
            if (overflowAfterSeconds.get(i) <= overflowAfterSeconds.get(i - 1)) {
                problems.add(key + ".overflowAfterSeconds: must increase, got " + overflowAfterSeconds);
            }
        }
        if (wrapUpSeconds < 0 || alertAfterSeconds < 0) {
            problems.add(key + ": wrapUpSeconds and alertAfterSeconds cannot be negative");
        }
        if (serviceLevelTarget <= 0 || serviceLevelTarget > 1) {
            problems.add(key + ".serviceLevelTarget: expected a share between 0 and 1, got " + serviceLevelTarget);
        }
        return problems;
    }
}
