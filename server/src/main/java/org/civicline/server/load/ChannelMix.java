package org.civicline.server.load;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** How arrivals split across channels: weights such as {@code app=4,wechat=3,mailbox=1,call=1}. */
public final class ChannelMix {
    private final Map<LoadChannel, Double> weights;
    private final LoadChannel[] channels;
    private final double[] cumulative;

    public ChannelMix(Map<LoadChannel, Double> weights) {
        this.weights = new EnumMap<>(LoadChannel.class);
        List<LoadChannel> used = new ArrayList<>();
        List<Double> sums = new ArrayList<>();
        double total = 0;
        for (Map.Entry<LoadChannel, Double> e : new EnumMap<>(weights).entrySet()) {
            if (e.getValue() < 0) {
                throw new LoadOptions.BadOption("--mix: the weight of " + e.getKey().label() + " is negative");
            }
            if (e.getValue() > 0) {
                total += e.getValue();
                used.add(e.getKey());
                sums.add(total);
                this.weights.put(e.getKey(), e.getValue());
            }
        }
        if (used.isEmpty()) {
            throw new LoadOptions.BadOption("--mix: give at least one channel a positive weight");
        }
        channels = used.toArray(LoadChannel[]::new);
        cumulative = new double[sums.size()];
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] = sums.get(i) / total;
        }
    }

    /** Parses {@code app=4,wechat=3}; a channel left out gets no arrivals. */
    public static ChannelMix parse(String text) {
        Map<LoadChannel, Double> weights = new EnumMap<>(LoadChannel.class);
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] kv = part.split("=", 2);
            double weight;
            try {
                weight = kv.length == 1 ? 1 : Double.parseDouble(kv[1].strip());
            } catch (NumberFormatException e) {
                throw new LoadOptions.BadOption("--mix: '" + part + "' needs a number after '='");
            }
            weights.put(LoadChannel.of(kv[0]), weight);
        }
        return new ChannelMix(weights);
    }

    public LoadChannel pick(Random random) {
        double u = random.nextDouble();
        for (int i = 0; i < cumulative.length; i++) {
            if (u < cumulative[i]) {
                return channels[i];
            }
        }
        return channels[channels.length - 1];
    }

    public boolean uses(LoadChannel channel) {
        return weights.containsKey(channel);
    }

    public List<LoadChannel> channels() {
        return List.of(channels);
    }
}
