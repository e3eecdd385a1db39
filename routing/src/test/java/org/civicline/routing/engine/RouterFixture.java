package org.civicline.routing.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.civicline.core.model.Agent;
import org.civicline.core.model.CallReference;
import org.civicline.core.model.Channel;
import org.civicline.core.model.Contact;
import org.civicline.core.model.Priority;
import org.civicline.core.routing.EnqueueContact;
import org.civicline.core.routing.OfferMade;
import org.civicline.core.routing.Presence;
import org.civicline.core.routing.RoutingNeeds;
import org.civicline.core.time.ManualClock;
import org.civicline.routing.config.RoutingConfig;

/** A router on a manual clock, with helpers that read like the hotline floor. */
class RouterFixture {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** A Monday, 10:00 in Shanghai: inside working and calling hours. */
    static final Instant MONDAY_10AM = Instant.parse("2026-11-23T02:00:00Z");

    final ManualClock clock = new ManualClock(MONDAY_10AM, SHANGHAI);
    final Recorder events = new Recorder();
    final Router router;

    RouterFixture() {
        this(RoutingConfig.defaults());
    }

    RouterFixture(RoutingConfig config) {
        router = new Router(config, clock, SHANGHAI, events);
    }

    static Agent agent(String id, Map<String, Integer> skills, Set<Channel> channels, int chats) {
        return new Agent(id, "坐席" + id, skills, channels,
                Map.of(Channel.Medium.VOICE, 1, Channel.Medium.CHAT, chats, Channel.Medium.SMS, chats,
                        Channel.Medium.LETTER, chats), "PJSIP/" + id);
    }

    Agent readyAgent(String id, Map<String, Integer> skills) {
        Agent agent = agent(id, skills, EnumSet.allOf(Channel.class), 3);
        router.upsertAgent(agent);
        router.presence(id, Presence.AVAILABLE, null);
        return agent;
    }

    Agent readyAgent(String id) {
        return readyAgent(id, Map.of());
    }

    Router.Enqueued arrive(String id, Channel channel) {
        return arrive(id, channel, Priority.NORMAL, RoutingNeeds.anyAgent());
    }

    Router.Enqueued arrive(String id, Channel channel, Priority priority, RoutingNeeds needs) {
        Contact contact = new Contact(id, channel, null, "13800138000", clock.instant(), null,
                channel.isVoice() ? new CallReference("1763888000." + id.hashCode(), null, "12345", null) : null,
                null, priority, "key-" + id, List.of(), null);
        return router.enqueue(new EnqueueContact(contact, needs));
    }

    void pass(Duration d) {
        clock.advance(d);
        router.advance();
    }

    void passSeconds(long s) {
        pass(Duration.ofSeconds(s));
    }

    OfferMade offerFor(String contactId) {
        return events.offers.stream().filter(o -> o.contactId().equals(contactId)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no offer for " + contactId + "; offers: " + events.offers));
    }

    void accept(String contactId) {
        OfferMade offer = offerFor(contactId);
        Router.Answer answer = router.answer(offer.offerId(), offer.agentId(), true);
        if (answer.assigned().isEmpty()) {
            throw new AssertionError("accept of " + offer + " did not assign");
        }
    }

    /** Accepts, finishes and waits out the wrap-up, so the agent is ready again. */
    void handle(String contactId) {
        accept(contactId);
        OfferMade offer = offerFor(contactId);
        router.finish(contactId, offer.agentId());
        passSeconds(60);
    }
}
