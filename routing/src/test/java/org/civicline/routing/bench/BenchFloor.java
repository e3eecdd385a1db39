package org.civicline.routing.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
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
import org.civicline.routing.config.QueueConfig;
import org.civicline.routing.config.RoutingConfig;
import org.civicline.routing.engine.Router;
import org.civicline.routing.engine.RoutingListener;

/**
 * A large floor for the benchmarks: {@value #AGENTS} agents with three of {@value #SKILLS} skills each, voice
 * contacts that need one skill. Every offer is accepted at once (the desk is not what is measured); the clock moves
 * one millisecond per operation so that the router's timers run as they would.
 */
final class BenchFloor implements RoutingListener {
    static final int AGENTS = 2_000;
    static final int SKILLS = 30;
    static final int WAITING = 10_000;
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T02:00:00Z"), SHANGHAI);
    final Router router;
    final String[] skills = new String[SKILLS];
    final String[] agentIds = new String[AGENTS];
    /** Agent → the contact they hold, and back. */
    final Map<String, String> holding = new HashMap<>();
    final Map<String, String> holderOf = new HashMap<>();
    final Map<String, String> needOf = new HashMap<>();
    private final ArrayDeque<OfferMade> offers = new ArrayDeque<>();
    private final Map<String, RoutingNeeds> needsBySkill = new HashMap<>();
    private final SplittableRandom random = new SplittableRandom(2026);
    private long contacts;
    /** Give every contact its own needs lists, as decoded off the bus (for the footprint); else share them. */
    boolean freshNeeds;

    BenchFloor() {
        // The hotline queue as configured, without wrap-up: a finished agent is free at once.
        QueueConfig hotline = new QueueConfig("hotline", EnumSet.allOf(Channel.class), "LONGEST_IDLE", 15,
                List.of(), 60, 0, 15, 0.8);
        router = new Router(new RoutingConfig(List.of(hotline), null, null, 0, 0, 0, 0, null, 0), clock, SHANGHAI,
                this);
        for (int s = 0; s < SKILLS; s++) {
            skills[s] = String.format("skill-%02d", s);
            needsBySkill.put(skills[s], new RoutingNeeds(List.of(List.of(skills[s]))));
        }
    }

    /** Adds agent {@code i}, ready, with three distinct skills drawn from {@code [from, from + count)}. */
    void addAgent(int i, int from, int count) {
        Map<String, Integer> mine = new HashMap<>();
        while (mine.size() < 3) {
            mine.put(skills[from + random.nextInt(count)], 1 + random.nextInt(10));
        }
        String id = String.format("agent-%04d", i);
        agentIds[i] = id;
        router.upsertAgent(new Agent(id, id, mine, Set.of(Channel.HOTLINE_12345),
                Map.of(Channel.Medium.VOICE, 1), "PJSIP/" + (10_000 + i)));
        router.presence(id, Presence.AVAILABLE, null);
        acceptOffers();
    }

    /** A new voice contact that needs {@code skill}; the offer it causes, if any, is accepted. */
    String arrive(String skill) {
        String id = "c" + (++contacts);
        Contact contact = new Contact(id, Channel.HOTLINE_12345, null, "1380013" + (1000 + contacts % 9000),
                clock.instant(), null, new CallReference("1763888000." + contacts, null, "12345", null), null,
                Priority.NORMAL, id, List.of(), null);
        needOf.put(id, skill);
        RoutingNeeds routingNeeds = freshNeeds
                ? new RoutingNeeds(List.of(List.of(new String(skill)))) : needsBySkill.get(skill);
        router.enqueue(new EnqueueContact(contact, routingNeeds));
        acceptOffers();
        return id;
    }

    String randomSkill(int from, int count) {
        return skills[from + random.nextInt(count)];
    }

    /** The agent finishes their call; the offer the router makes them at once is accepted. */
    void finish(String agentId) {
        String contactId = holding.remove(agentId);
        if (contactId != null) {
            holderOf.remove(contactId);
            router.finish(contactId, agentId);
            needOf.remove(contactId);
        }
        acceptOffers();
    }

    void tick() {
        clock.advance(Duration.ofMillis(1));
    }

    private void acceptOffers() {
        OfferMade offer;
        while ((offer = offers.poll()) != null) {
            if (router.answer(offer.offerId(), offer.agentId(), true).assigned().isPresent()) {
                holding.put(offer.agentId(), offer.contactId());
                holderOf.put(offer.contactId(), offer.agentId());
            }
        }
    }

    @Override
    public void offerMade(OfferMade offer) {
        offers.add(offer);
    }
}
