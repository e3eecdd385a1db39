package org.civicline.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.civicline.core.model.Channel;
import org.civicline.core.model.Priority;
import org.civicline.core.routing.ContactAssigned;
import org.civicline.core.routing.OfferMade;
import org.civicline.core.routing.OfferWithdrawn;
import org.civicline.core.routing.Presence;
import org.civicline.core.time.ManualClock;
import org.civicline.routing.engine.LiveView;
import org.civicline.routing.engine.PriorityClass;
import org.junit.jupiter.api.Test;

/** The router's meters as the Prometheus registry shows them, driven by the router's listener calls. */
class RoutingMetersTest {
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final Instant start = Instant.parse("2026-11-23T02:00:00Z");
    final ManualClock clock = new ManualClock(start, java.time.ZoneOffset.UTC);
    final RoutingMeters meters = new RoutingMeters(registry, clock);

    OfferMade offer(String contactId, Channel channel, Instant waitingSince, boolean callback) {
        return new OfferMade(contactId + "-o", contactId, "8001", channel, Priority.NORMAL, "13800138000",
                waitingSince, clock.instant().plusSeconds(15), callback);
    }

    double count(String timer, Channel channel) {
        return registry.get(timer).tag("channel", channel.name()).timer().count();
    }

    @Test
    void onlyTheFirstOfferOfAContactTimesItsWaitAndCallbacksAreLeftOut() {
        meters.entered("c1", Channel.WECHAT, "messages", start);
        clock.advance(java.time.Duration.ofMillis(40));
        meters.offerMade(offer("c1", Channel.WECHAT, start, false));
        meters.offerWithdrawn(new OfferWithdrawn("c1-o", "c1", "8001", OfferWithdrawn.Reason.REJECTED));
        clock.advance(java.time.Duration.ofSeconds(30));
        meters.offerMade(offer("c1", Channel.WECHAT, start, false));
        meters.offerMade(offer("c2", Channel.HOTLINE_12345, start, true));

        assertThat(registry.get("civicline.offers.made").tag("channel", "WECHAT").counter().count()).isEqualTo(2);
        assertThat(count("civicline.offer.wait", Channel.WECHAT)).isEqualTo(1);
        assertThat(registry.get("civicline.offer.wait").tag("channel", "WECHAT").timer()
                .max(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(40);
        assertThat(count("civicline.offer.wait", Channel.HOTLINE_12345)).as("a callback").isZero();
        assertThat(registry.get("civicline.offers.ended").tag("outcome", "rejected").counter().count()).isEqualTo(1);

        // Assigned and gone: a later contact with the same id (a callback of it, say) is timed afresh.
        meters.assigned(new ContactAssigned("c1", "8001", "8001", Channel.WECHAT, null, false, null), "messages",
                30_040);
        meters.entryRemoved("c1");
        meters.offerMade(offer("c1", Channel.WECHAT, clock.instant(), false));
        assertThat(count("civicline.offer.wait", Channel.WECHAT)).isEqualTo(2);
        assertThat(registry.get("civicline.offers.ended").tag("outcome", "accepted").counter().count()).isEqualTo(1);
        assertThat(count("civicline.answer.wait", Channel.WECHAT)).isEqualTo(1);
        assertThat(registry.get("civicline.queue.entered").tag("channel", "WECHAT").counter().count()).isEqualTo(1);
    }

    @Test
    void gaugesShowTheLastLiveViewAndLeaveWithTheRouter() {
        meters.refresh(new LiveView(Map.of(Channel.SMS, 3), Map.of("messages", 3), Map.of(PriorityClass.SMS, 3),
                Map.of(Channel.SMS, 95L), Map.of(Presence.AVAILABLE, 2, Presence.BREAK, 1), 1, 0));
        assertThat(registry.get("civicline.queue.waiting").tag("channel", "SMS").gauge().value()).isEqualTo(3);
        assertThat(registry.get("civicline.queue.waiting").tag("channel", "WECHAT").gauge().value()).isZero();
        assertThat(registry.get("civicline.queue.waiting.by.class").tag("priority_class", "SMS").gauge().value())
                .isEqualTo(3);
        assertThat(registry.get("civicline.queue.longest.wait").tag("channel", "SMS").gauge().value()).isEqualTo(95);
        assertThat(registry.get("civicline.agents").tag("presence", "AVAILABLE").gauge().value()).isEqualTo(2);
        assertThat(registry.scrape()).contains("civicline_queue_longest_wait_seconds{channel=\"SMS\"} 95.0");

        meters.close();
        assertThat(registry.find("civicline.queue.waiting").meters()).isEmpty();
        assertThat(registry.find("civicline.router.active").meters()).isEmpty();
        assertThat(List.of(registry.scrape().split("\n"))).noneMatch(line -> line.startsWith("civicline_"));
    }
}
