package org.civicline.routing.simulation;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.civicline.core.model.Agent;
import org.civicline.core.model.Channel;
import org.civicline.routing.config.QueueConfig;
import org.civicline.routing.config.RoutingConfig;

/**
 * The floor of the Erlang C model on the real router: one voice queue, one skill (none needed), Poisson arrivals,
 * exponential handle times, agents who accept at once, no wrap-up, no breaks, nobody hangs up.
 */
public final class MmnScenario {
    private MmnScenario() {
    }

    public static Scenario of(ErlangC model, int contacts, long seed) {
        QueueConfig queue = new QueueConfig("mmn", Set.of(Channel.HOTLINE_12345), "LONGEST_IDLE", 60, List.of(), 0, 0,
                20, 0.8);
        RoutingConfig config = new RoutingConfig(List.of(queue), null, null, 0, 0, 0, 0, null, 0);
        ChannelLoad load = ChannelLoad.of(Channel.HOTLINE_12345,
                PoissonArrivals.perInterval(model.callsPerInterval(), model.intervalSeconds()),
                Delay.exponential(model.handleSeconds()));
        List<SimAgent> agents = new ArrayList<>();
        for (int i = 1; i <= model.agents(); i++) {
            String id = String.format("a%03d", i);
            Agent profile = new Agent(id, "坐席" + i, Map.of(), EnumSet.of(Channel.HOTLINE_12345),
                    Map.of(Channel.Medium.VOICE, 1), "PJSIP/" + (8000 + i));
            agents.add(new SimAgent(profile, AgentBehaviour.instant(), "all"));
        }
        return new Scenario(config, Instant.parse("2026-11-23T00:00:00Z"), ZoneId.of("Asia/Shanghai"), List.of(load),
                agents, contacts, Duration.ofDays(1), seed);
    }
}
