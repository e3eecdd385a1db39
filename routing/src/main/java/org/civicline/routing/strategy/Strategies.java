package org.civicline.routing.strategy;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The registry of strategies by the name used in config. */
public final class Strategies {
    private static final Map<String, Supplier<RoutingStrategy>> BY_NAME = Map.of(
            "LONGEST_IDLE", LongestIdleStrategy::new,
            "LEAST_OCCUPIED", LeastOccupiedStrategy::new,
            "SKILLS_SCORE", SkillsScoreStrategy::new,
            "ROUND_ROBIN", RoundRobinStrategy::new);

    private Strategies() {
    }

    public static List<String> names() {
        return BY_NAME.keySet().stream().sorted().toList();
    }

    /** A new instance: strategies such as round-robin keep state per queue. */
    public static RoutingStrategy create(String name) {
        Supplier<RoutingStrategy> factory = BY_NAME.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown routing strategy '" + name + "'; known: " + names());
        }
        return factory.get();
    }
}
