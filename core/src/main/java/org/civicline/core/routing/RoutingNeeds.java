package org.civicline.core.routing;

import java.util.List;

/**
 * What a contact asks of the agent who takes it, most specific first. Each step is a set of skills the agent must
 * have; when no agent takes the contact within the queue's overflow time, the router moves on to the next, wider
 * step (e.g. [category:01 + lang:yue] → [lang:yue] → []).
 */
public record RoutingNeeds(List<List<String>> steps) {
    public RoutingNeeds {
        steps = steps == null || steps.isEmpty() ? List.of(List.of()) : steps.stream().map(List::copyOf).toList();
    }

    public static RoutingNeeds anyAgent() {
        return new RoutingNeeds(List.of(List.of()));
    }

    public static RoutingNeeds of(List<String> preferred, List<String> wider) {
        return new RoutingNeeds(List.of(preferred, wider));
    }
}
