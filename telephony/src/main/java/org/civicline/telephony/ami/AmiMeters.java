package org.civicline.telephony.ami;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The AMI connection's meters, on the node that holds it (one per cluster): {@code civicline_ami_connected} (1
 * when logged in and the live calls re-read, else 0), {@code civicline_ami_reconnects_total} (logins after the
 * first) and {@code civicline_ami_events_total}. Taken off the registry when the node lets the connection go.
 */
final class AmiMeters implements AutoCloseable {
    private final MeterRegistry registry;
    /** Held here: a function counter keeps only a weak reference to what it reads. */
    private final LongSupplier eventsReceived;
    private final Counter reconnects;
    private final List<Meter> meters;
    private boolean loggedInBefore;

    AmiMeters(MeterRegistry registry, BooleanSupplier connected, LongSupplier eventsReceived) {
        this.registry = registry;
        this.eventsReceived = eventsReceived;
        Gauge state = Gauge.builder("civicline.ami.connected", () -> connected.getAsBoolean() ? 1 : 0)
                .description("1 while this node's AMI connection is up and its calls re-read, else 0")
                .register(registry);
        reconnects = Counter.builder("civicline.ami.reconnects")
                .description("AMI logins after the first one (Asterisk-Java reconnecting)").register(registry);
        FunctionCounter events = FunctionCounter.builder("civicline.ami.events", this,
                        m -> m.eventsReceived.getAsLong())
                .description("AMI events received").register(registry);
        meters = List.of(state, reconnects, events);
    }

    /** A login succeeded (a ConnectEvent); on the verticle's context. */
    void connected() {
        if (loggedInBefore) {
            reconnects.increment();
        }
        loggedInBefore = true;
    }

    @Override
    public void close() {
        meters.forEach(registry::remove);
    }
}
