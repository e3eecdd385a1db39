package org.civicline.routing.simulation;

import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.civicline.core.model.Channel;
import org.civicline.core.routing.RoutingNeeds;

/**
 * The traffic of one channel.
 *
 * @param handleTime          from the accept to the finish (a callback: from a reached resident to the finish)
 * @param patience            how long a caller holds before hanging up; {@code null}: never (chats, letters, M/M/N)
 * @param withheldNumberShare share of callers without a number to call back
 * @param needs               what the contacts ask of an agent, by weight; empty: any agent
 */
public record ChannelLoad(Channel channel, ArrivalProcess arrivals, Delay handleTime, Delay patience,
                          double withheldNumberShare, List<WeightedNeeds> needs) {

    /** One kind of request and how often it comes. */
    public record WeightedNeeds(double weight, RoutingNeeds needs) {
    }

    private static final RoutingNeeds ANY_AGENT = RoutingNeeds.anyAgent();

    public ChannelLoad {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(arrivals, "arrivals");
        Objects.requireNonNull(handleTime, "handleTime");
        needs = needs == null ? List.of() : List.copyOf(needs);
    }

    public static ChannelLoad of(Channel channel, ArrivalProcess arrivals, Delay handleTime) {
        return new ChannelLoad(channel, arrivals, handleTime, null, 0, List.of());
    }

    public ChannelLoad withPatience(Delay patience, double withheldNumberShare) {
        return new ChannelLoad(channel, arrivals, handleTime, patience, withheldNumberShare, needs);
    }

    public ChannelLoad withNeeds(double weight, RoutingNeeds routingNeeds) {
        List<WeightedNeeds> more = new java.util.ArrayList<>(needs);
        more.add(new WeightedNeeds(weight, routingNeeds));
        return new ChannelLoad(channel, arrivals, handleTime, patience, withheldNumberShare, more);
    }

    RoutingNeeds drawNeeds(RandomGenerator random) {
        if (needs.isEmpty()) {
            return ANY_AGENT;
        }
        double total = 0;
        for (WeightedNeeds n : needs) {
            total += n.weight();
        }
        double pick = random.nextDouble() * total;
        for (WeightedNeeds n : needs) {
            pick -= n.weight();
            if (pick < 0) {
                return n.needs();
            }
        }
        return needs.get(needs.size() - 1).needs();
    }
}
