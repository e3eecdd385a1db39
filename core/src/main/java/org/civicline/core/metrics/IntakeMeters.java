package org.civicline.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.civicline.core.model.Channel;

/**
 * What every channel reports at intake, under one set of names whichever module takes the contact in:
 * {@code civicline_contacts_received_total{channel}} (new contacts stored) and
 * {@code civicline_intake_seconds{channel}} (from the arrival to the acknowledgement: for messages the request's
 * arrival to the stored answer, for calls the PBX's Newchannel to the router's answer). Meters are made once per
 * channel up front, so recording is a map read and an add.
 */
public final class IntakeMeters {
    private final Map<Channel, Counter> received = new EnumMap<>(Channel.class);
    private final Map<Channel, Timer> acknowledged = new EnumMap<>(Channel.class);

    private IntakeMeters(MeterRegistry registry) {
        for (Channel channel : Channel.values()) {
            received.put(channel, Counter.builder("civicline.contacts.received")
                    .description("New contacts stored, per channel (repeated deliveries not counted)")
                    .tag("channel", channel.name()).register(registry));
            acknowledged.put(channel, Timer.builder("civicline.intake")
                    .description("From a contact's arrival to its acknowledgement (stored, and queued for calls)")
                    .tag("channel", channel.name())
                    .serviceLevelObjectives(Metrics.latencyBuckets())
                    .register(registry));
        }
    }

    public static IntakeMeters of(MeterRegistry registry) {
        return new IntakeMeters(registry);
    }

    public void received(Channel channel) {
        received.get(channel).increment();
    }

    public void acknowledged(Channel channel, long nanos) {
        acknowledged.get(channel).record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }
}
