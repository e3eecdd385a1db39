package org.civicline.routing.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.civicline.core.model.Agent;
import org.civicline.core.model.Channel;
import org.civicline.core.model.Contact;
import org.civicline.core.model.Priority;
import org.civicline.core.routing.ContactAssigned;
import org.civicline.core.routing.EnqueueContact;
import org.civicline.core.routing.OfferMade;
import org.civicline.core.routing.Presence;
import org.civicline.core.routing.RoutingNeeds;
import org.civicline.core.time.ManualClock;
import org.civicline.routing.config.RoutingConfig;
import org.civicline.routing.engine.Router;
import org.civicline.routing.engine.RoutingListener;
import org.junit.jupiter.api.Test;

class IntervalStatsTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant TEN_AM = Instant.parse("2026-11-23T02:00:00Z");

    private final ManualClock clock = new ManualClock(TEN_AM, SHANGHAI);
    private final RoutingConfig config = RoutingConfig.defaults();
    private final IntervalStats stats = new IntervalStats(config, SHANGHAI, clock);
    private OfferMade lastOffer;
    private final Router router = new Router(config, clock, SHANGHAI, new RoutingListener() {
        @Override
        public void offerMade(OfferMade offer) {
            lastOffer = offer;
        }

        @Override
        public void assigned(ContactAssigned a, String queue, long waited) {
            stats.assigned(a, queue, waited);
        }

        @Override
        public void entered(String id, Channel channel, String queue, Instant at) {
            stats.entered(id, channel, queue, at);
        }

        @Override
        public void abandoned(String id, Channel channel, String queue, long waited) {
            stats.abandoned(id, channel, queue, waited);
        }

        @Override
        public void finished(String id, Channel channel, String queue, long handle) {
            stats.finished(id, channel, queue, handle);
        }

        @Override
        public void presenceChanged(String agentId, Presence from, Presence to, long at) {
            stats.presenceChanged(agentId, from, to, at);
        }
    });

    @Test
    void offeredAnsweredAbandonedServiceLevelAsaAhtAndOccupancyFollowTheirDefinitions() {
        router.upsertAgent(new Agent("a1", "a1", Map.of(), EnumSet.allOf(Channel.class),
                Map.of(Channel.Medium.VOICE, 1), "PJSIP/a1"));
        router.presence("a1", Presence.AVAILABLE, null);

        call("fast");                       // answered after 10 s: within the 15 s target
        pass(10);
        router.answer(lastOffer.offerId(), "a1", true);
        call("slow");                       // waits while the agent talks
        call("gives-up");
        pass(170);                          // talk time 170 s
        router.finish("fast", "a1");        // wrap-up 30 s follows
        router.abandon("gives-up", null);
        pass(30);
        router.answer(lastOffer.offerId(), "a1", true); // "slow" answered after 200 s
        pass(60);
        router.finish("slow", "a1");
        pass(30);                           // wrap-up
        router.presence("a1", Presence.OFFLINE, null);

        IntervalReport voice = stats.report(TEN_AM, TEN_AM.plus(Duration.ofMinutes(15))).stream()
                .filter(r -> r.channel() == Channel.HOTLINE_12345).findFirst().orElseThrow();
        assertThat(voice.offered()).isEqualTo(3);
        assertThat(voice.answered()).isEqualTo(2);
        assertThat(voice.abandoned()).isEqualTo(1);
        assertThat(voice.serviceLevel()).isEqualTo(0.3333);          // 1 within target / (2 answered + 1 abandoned)
        assertThat(voice.asaSeconds()).isEqualTo(105.0);             // (10 + 200) / 2
        assertThat(voice.ahtSeconds()).isEqualTo(145.0);             // (170 + 60 talk + 30 + 30 wrap-up) / 2
        assertThat(voice.abandonmentRate()).isEqualTo(0.3333);

        IntervalReport total = stats.report(TEN_AM, TEN_AM.plus(Duration.ofMinutes(15))).stream()
                .filter(r -> r.channel() == null).findFirst().orElseThrow();
        // Staffed 300 s (10:00:00–10:05:00); busy: 170 talk + 30 wrap + 60 talk + 30 wrap = 290 s.
        assertThat(total.occupancy()).isEqualTo(0.9667);

        List<IntervalReport> day = stats.day(LocalDate.of(2026, 11, 23));
        assertThat(day).filteredOn(r -> r.channel() == null).singleElement()
                .satisfies(r -> assertThat(r.offered()).isEqualTo(3));
    }

    @Test
    void eventsCountInTheQuarterHourInWhichTheyHappen() {
        call("c1");
        pass(15 * 60);
        call("c2");
        List<IntervalReport> rows = stats.report(TEN_AM, TEN_AM.plus(Duration.ofMinutes(30)));
        assertThat(rows).filteredOn(r -> r.channel() == null).extracting(IntervalReport::offered).containsExactly(1L, 1L);
        assertThat(rows).filteredOn(r -> r.channel() == null).extracting(IntervalReport::from)
                .containsExactly(TEN_AM, TEN_AM.plus(Duration.ofMinutes(15)));
    }

    private void call(String id) {
        router.enqueue(new EnqueueContact(new Contact(id, Channel.HOTLINE_12345, null, "13800138000", clock.instant(),
                null, null, null, Priority.NORMAL, "k-" + id, List.of(), null), RoutingNeeds.anyAgent()));
    }

    private void pass(long seconds) {
        clock.advance(Duration.ofSeconds(seconds));
        router.advance();
    }
}
