package org.civicline.routing.simulation;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.civicline.routing.config.RoutingConfig;

/**
 * One simulated run: the router's configuration, the traffic, the floor, how many contacts, and the seed.
 *
 * @param contacts   arrivals to generate (over all channels)
 * @param drainLimit after the last arrival, how long to let the floor work off what is left
 */
public record Scenario(RoutingConfig config, Instant start, ZoneId zone, List<ChannelLoad> channels,
                       List<SimAgent> agents, int contacts, Duration drainLimit, long seed) {

    public Scenario {
        channels = List.copyOf(channels);
        agents = List.copyOf(agents);
        if (channels.isEmpty() || agents.isEmpty() || contacts < 1) {
            throw new IllegalArgumentException("a scenario needs channels, agents and at least one contact");
        }
    }
}
