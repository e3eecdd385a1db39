package org.civicline.routing.engine;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.civicline.core.model.Agent;
import org.civicline.core.model.Channel;
import org.civicline.core.model.Contact;
import org.civicline.core.model.Priority;
import org.civicline.core.routing.AgentStatus;
import org.civicline.core.routing.CallbackOutcome;
import org.civicline.core.routing.ContactAssigned;
import org.civicline.core.routing.EnqueueContact;
import org.civicline.core.routing.OfferMade;
import org.civicline.core.routing.OfferWithdrawn;
import org.civicline.core.routing.Presence;
import org.civicline.core.routing.QueueEntry;
import org.civicline.core.routing.SupervisorAlert;
import org.civicline.core.store.QueueStore;
import org.civicline.routing.config.CallbackConfig;
import org.civicline.routing.config.PriorityClassConfig;
import org.civicline.routing.config.QueueConfig;
import org.civicline.routing.config.RoutingConfig;
import org.civicline.routing.strategy.RoutingStrategy;
import org.civicline.routing.strategy.Strategies;

/**
 * The router: the one queue, the agents' live state and the offers between them. Single-threaded and driven by
 * an injected clock: every call first runs what fell due, then decides, then returns; {@link #nextDue()} says when
 * to call {@link #advance()} again. Because one thread decides, exactly one agent can ever hold a contact.
 *
 * <p>Work conservation: whenever a contact waits and an agent who could take it is ready with room, an offer is
 * made in the same call that made either of them so.
 */
public final class Router {
    private static final Channel.Medium[] MEDIA = Channel.Medium.values();
    private final RoutingConfig config;
    private final Clock clock;
    private final ZoneId zone;
    private final RoutingListener listener;
    private final Map<String, RoutingStrategy> strategies = new HashMap<>();
    private final EnumMap<PriorityClass, PriorityClassConfig> classes = new EnumMap<>(PriorityClass.class);
    private final boolean voiceBlocksOtherMedia;

    private final Map<String, Seat> seats = new HashMap<>();
    private final Map<String, Waiting> queued = new HashMap<>();
    private final Map<String, Lane> lanesByKey = new HashMap<>();
    private final List<Lane> lanes = new ArrayList<>();
    private int lanesVersion;
    private final TreeSet<Waiting> scheduled = new TreeSet<>(
            Comparator.<Waiting>comparingLong(w -> w.notBefore).thenComparing(Lane.PLACE));
    private final Map<String, Offer> offers = new HashMap<>();
    /** Who holds each assigned contact, so that "is it held?" does not ask every seat. */
    private final Map<String, Seat> holders = new HashMap<>();
    /**
     * Contacts agents finished lately → when, oldest first: a late request to queue one again (see
     * {@link QueueStore#FINISHED_KEPT}) is answered "already queued" instead of offering it a second time.
     */
    private final LinkedHashMap<String, Long> finished = new LinkedHashMap<>();
    private static final long FINISHED_KEPT_MILLIS = QueueStore.FINISHED_KEPT.toMillis();
    private final LinkedHashSet<Seat> offerable = new LinkedHashSet<>();
    private final Map<String, LinkedHashSet<Seat>> offerableBySkill = new HashMap<>();
    /** Ready agents, longest idle first; and per skill, highest level then longest idle (for ordered strategies). */
    private static final Comparator<Seat> BY_IDLE =
            Comparator.comparingLong(Seat::idleSince).thenComparing(Seat::id);
    private final TreeSet<Seat> offerableByIdle = new TreeSet<>(BY_IDLE);
    private final Map<String, TreeSet<Seat>> offerableByLevel = new HashMap<>();
    private final Timers timers = new Timers();

    private final ArrayDeque<Waiting> contactsToPlace = new ArrayDeque<>();
    private final ArrayDeque<Seat> seatsToServe = new ArrayDeque<>();
    private final ArrayList<Seat> candidates = new ArrayList<>();
    private long sequence;
    private long offerSequence;
    private long now;

    public Router(RoutingConfig config, Clock clock, ZoneId zone, RoutingListener listener) {
        this.config = config;
        this.clock = clock;
        this.zone = zone;
        this.listener = listener;
        this.voiceBlocksOtherMedia = config.voiceBlocksOtherMedia();
        for (QueueConfig queue : config.queues()) {
            strategies.put(queue.name(), Strategies.create(queue.strategy()));
        }
        classes.putAll(config.priorities());
    }

    // ---------------------------------------------------------------- agents

    /** Adds an agent (offline) or updates the profile of a known one. */
    public void upsertAgent(Agent profile) {
        tick();
        Seat seat = seats.get(profile.id());
        if (seat == null) {
            seat = new Seat(profile);
            seat.since = now;
            seats.put(profile.id(), seat);
        } else {
            unindex(seat);
            seat.profile = profile;
            seat.lanesVersion = -1;
        }
        refresh(seat);
        settle();
    }

    /**
     * Changes an agent's presence: AVAILABLE, BREAK (with a reason), OFFLINE; {@code null} is a heartbeat.
     *
     * @throws IllegalArgumentException for an unknown agent or a presence only the router sets
     */
    public AgentStatus presence(String agentId, Presence presence, String reason) {
        tick();
        Seat seat = seat(agentId);
        if (presence == null) {
            heartbeat(seat);
        } else {
            switch (presence) {
                case AVAILABLE -> {
                    heartbeat(seat);
                    seat.missedOffers = 0;
                    seat.wrapUpUntil = 0;
                    if (seat.presence != Presence.AVAILABLE) {
                        change(seat, Presence.AVAILABLE, null);
                        becomeIdle(seat);
                    }
                }
                case BREAK -> leave(seat, Presence.BREAK, reason == null || reason.isBlank() ? "休息" : reason);
                case OFFLINE -> leave(seat, Presence.OFFLINE, reason == null ? "signed out" : reason);
                case AWAY, BUSY, WRAP_UP -> throw new IllegalArgumentException(
                        presence + " is set by the router; an agent may choose AVAILABLE, BREAK or OFFLINE");
            }
        }
        settle();
        return status(seat);
    }

    private void heartbeat(Seat seat) {
        seat.lastHeartbeat = now;
        int timeout = config.heartbeatTimeoutSeconds();
        if (timeout > 0 && !seat.heartbeatTimerArmed) {
            seat.heartbeatTimerArmed = true;
            timers.at(now + timeout * 1000L, () -> checkHeartbeat(seat));
        }
    }

    private void checkHeartbeat(Seat seat) {
        long deadline = seat.lastHeartbeat + config.heartbeatTimeoutSeconds() * 1000L;
        if (seat.presence == Presence.OFFLINE) {
            seat.heartbeatTimerArmed = false;
        } else if (deadline <= now) {
            seat.heartbeatTimerArmed = false;
            leave(seat, Presence.OFFLINE, "connection lost (no heartbeat)");
        } else {
            timers.at(deadline, () -> checkHeartbeat(seat));
        }
    }

    /** The agent stops taking contacts: outstanding offers go elsewhere now, open chats after the grace period. */
    private void leave(Seat seat, Presence presence, String reason) {
        change(seat, presence, reason);
        if (seat.offer != null) {
            withdraw(seat.offer, OfferWithdrawn.Reason.AGENT_LEFT);
        }
        boolean holdsNonVoice = seat.holding.values().stream().anyMatch(w -> w.medium() != Channel.Medium.VOICE);
        if (holdsNonVoice) {
            int generation = seat.generation;
            timers.at(now + config.chatGraceSeconds() * 1000L, () -> {
                if (seat.generation == generation && seat.presence != Presence.AVAILABLE) {
                    returnNonVoiceContacts(seat);
                }
            });
        }
    }

    private void returnNonVoiceContacts(Seat seat) {
        for (Waiting w : List.copyOf(seat.holding.values())) {
            if (w.medium() == Channel.Medium.VOICE) {
                continue;
            }
            seat.holding.remove(w.contactId);
            holders.remove(w.contactId);
            seat.addLoad(w.medium(), -1);
            w.holder = null;
            queued.put(w.contactId, w);
            listener.entrySaved(w.toEntry());
            place(w);
        }
    }

    private void change(Seat seat, Presence presence, String reason) {
        Presence from = seat.presence;
        seat.presence = presence;
        seat.reason = reason;
        seat.since = now;
        seat.generation++;
        refresh(seat);
        listener.presenceChanged(seat.id, from, presence, now);
        listener.agentStatus(status(seat));
    }

    // ---------------------------------------------------------------- contacts

    /** The outcome of {@link #enqueue}. */
    public record Enqueued(String contactId, boolean alreadyQueued, int waiting) {
    }

    /** Puts a stored contact in the one queue; a contact already there (a repeated delivery) stays as it was. */
    public Enqueued enqueue(EnqueueContact request) {
        tick();
        Contact contact = request.contact();
        if (contact.id() == null) {
            throw new IllegalArgumentException("only a stored contact (with an id) can be queued");
        }
        Seat holder = holders.get(contact.id());
        if (holder != null && contact.channel().isVoice()) {
            // The PBX still has the call waiting: the agent's phone never got it (the node that was to move it
            // died). Say the assignment again, so that telephony moves the call to the agent who holds it.
            Waiting held = holder.holding.get(contact.id());
            listener.reassigned(new ContactAssigned(held.contactId, holder.id, holder.profile.extension(),
                    held.channel, held.call, held.callback, held.callbackPhone));
        }
        if (queued.containsKey(contact.id()) || holder != null) {
            return new Enqueued(contact.id(), true, queued.size());
        }
        Long finishedAt = finished.get(contact.id());
        if (finishedAt != null && now - finishedAt <= FINISHED_KEPT_MILLIS) {
            listener.finishedAsked(contact.id(), Instant.ofEpochMilli(finishedAt));
            return new Enqueued(contact.id(), true, queued.size());
        }
        QueueConfig queue = config.queueFor(contact.channel());
        Waiting w = new Waiting(contact.id(), contact.channel(), contact.priority(), contact.sender(),
                contact.call(), request.needs().steps(), now, sequence++, queue,
                PriorityClass.of(contact.channel(), contact.priority(), false));
        admit(w);
        listener.entered(w.contactId, w.channel, queue.name(), Instant.ofEpochMilli(now));
        settle();
        return new Enqueued(contact.id(), false, queued.size());
    }

    private boolean isHeld(String contactId) {
        return holders.containsKey(contactId);
    }

    /** Registers a new entry, arms its overflow and alert timers, and places it. */
    private void admit(Waiting w) {
        queued.put(w.contactId, w);
        listener.entrySaved(w.toEntry());
        List<Integer> overflow = w.queue.overflowAfterSeconds();
        for (int step = 1; step < w.needSteps.size() && step - 1 < overflow.size(); step++) {
            int target = step;
            timers.at(w.enqueuedAt + overflow.get(step - 1) * 1000L, () -> widen(w, target));
        }
        if (w.queue.alertAfterSeconds() > 0) {
            timers.at(w.enqueuedAt + w.queue.alertAfterSeconds() * 1000L, () -> alertLongWait(w));
        }
        place(w);
    }

    private void widen(Waiting w, int step) {
        if (queued.get(w.contactId) != w || w.step >= step) {
            return;
        }
        boolean inLane = w.lane != null;
        unlane(w);
        w.step = step;
        listener.entrySaved(w.toEntry());
        if (inLane) {
            lane(w);
            contactsToPlace.add(w);
        }
    }

    private void alertLongWait(Waiting w) {
        if (queued.get(w.contactId) != w || w.alerted) {
            return;
        }
        w.alerted = true;
        listener.alert(new SupervisorAlert("LONG_WAIT", w.contactId, null, w.channel.label() + " 等待超过 "
                + w.queue.alertAfterSeconds() + " 秒 (waiting over " + w.queue.alertAfterSeconds() + " s)",
                Instant.ofEpochMilli(now)));
    }

    /** Into its lane when due, else into the schedule until it is. */
    private void place(Waiting w) {
        if (w.notBefore > now) {
            scheduled.add(w);
            timers.at(w.notBefore, () -> {
                if (scheduled.remove(w)) {
                    lane(w);
                    contactsToPlace.add(w);
                }
            });
        } else {
            lane(w);
            contactsToPlace.add(w);
        }
    }

    private void lane(Waiting w) {
        List<String> skills = w.needs();
        String key = Lane.keyOf(w.channel, w.priorityClass, skills) + '|' + w.medium();
        Lane lane = lanesByKey.get(key);
        if (lane == null) {
            lane = new Lane(key, w.channel, w.priorityClass, skills, w.medium());
            lanesByKey.put(key, lane);
            lanes.add(lane);
            lanesVersion++;
        }
        lane.waiting.add(w);
        w.lane = lane;
    }

    private void unlane(Waiting w) {
        if (w.lane != null) {
            w.lane.waiting.remove(w);
            w.lane = null;
        }
    }

    /**
     * The caller hung up before an agent took the call. A voice contact with a number becomes a callback task;
     * a contact that had asked for a callback keeps its place.
     *
     * @return false when the contact is not waiting (already with an agent, or unknown)
     */
    public boolean abandon(String contactId, String callerNumber) {
        tick();
        Waiting w = queued.get(contactId);
        if (w == null) {
            return false;
        }
        if (w.callback) {
            return true;
        }
        remove(w, OfferWithdrawn.Reason.CONTACT_ABANDONED);
        listener.abandoned(w.contactId, w.channel, w.queue.name(), now - w.enqueuedAt);
        if (w.channel.isVoice() && isDialable(callerNumber)) {
            createCallback(w, callerNumber, 1, quietAdjusted(now));
        }
        settle();
        return true;
    }

    /** Takes an entry out of the queue wherever it is: lane, schedule or an outstanding offer. */
    private void remove(Waiting w, OfferWithdrawn.Reason reason) {
        queued.remove(w.contactId);
        unlane(w);
        scheduled.remove(w);
        if (w.offer != null) {
            withdraw(w.offer, reason);
        }
        listener.entryRemoved(w.contactId);
    }

    static boolean isDialable(String number) {
        return number != null && number.matches("\\+?[0-9]{3,20}");
    }

    private void createCallback(Waiting origin, String phone, int attempt, long notBefore) {
        QueueConfig queue = config.queueFor(origin.channel);
        Waiting task = new Waiting(origin.contactId, origin.channel, origin.priority, origin.sender, origin.call,
                origin.needSteps, notBefore, sequence++, queue, PriorityClass.CALLBACK);
        task.callback = true;
        task.callbackPhone = phone;
        task.attempt = attempt;
        task.notBefore = notBefore;
        admit(task);
        listener.callbackCreated(task.contactId, attempt, Instant.ofEpochMilli(notBefore));
    }

    /**
     * The resident asks to be called back. A contact still waiting keeps its place and is never dialled twice; any
     * other contact (e.g. a follow-up) becomes a callback task due at {@code notBefore}.
     */
    public void requestCallback(String contactId, Channel channel, String phone, Instant notBefore) {
        tick();
        if (!isDialable(phone)) {
            throw new IllegalArgumentException("a callback needs a phone number of digits, got '" + phone + "'");
        }
        Waiting w = queued.get(contactId);
        long due = quietAdjusted(notBefore == null ? now : Math.max(now, notBefore.toEpochMilli()));
        if (w != null) {
            if (w.callback) {
                return;
            }
            boolean inLane = w.lane != null;
            unlane(w);
            w.callback = true;
            w.callbackPhone = phone;
            w.attempt = 1;
            if (due > now) {
                w.notBefore = due;
            }
            listener.entrySaved(w.toEntry());
            if (inLane) {
                place(w);
            }
        } else if (!isHeld(contactId)) {
            Waiting origin = new Waiting(contactId, channel == null ? Channel.HOTLINE_12345 : channel,
                    Priority.NORMAL, phone, null, List.of(List.of()), now, sequence++,
                    config.queueFor(channel == null ? Channel.HOTLINE_12345 : channel), PriorityClass.CALLBACK);
            createCallback(origin, phone, 1, due);
        }
        settle();
    }

    /**
     * What came of dialling; a missed callback is tried again later, up to the configured attempts.
     *
     * @return false when the agent holds no such callback (e.g. the outcome was reported already)
     */
    public boolean callbackOutcome(String contactId, String agentId, CallbackOutcome.Result result) {
        tick();
        Seat seat = seat(agentId);
        Waiting w = seat.holding.get(contactId);
        if (w == null || !w.callback || w.outcomeRecorded) {
            return false;
        }
        w.outcomeRecorded = true;
        CallbackConfig callbacks = config.callbacks();
        boolean retry = (result == CallbackOutcome.Result.NO_ANSWER || result == CallbackOutcome.Result.BUSY)
                && w.attempt < callbacks.maxAttempts();
        listener.callbackClosed(contactId, result, w.attempt,
                !retry && result != CallbackOutcome.Result.REACHED);
        if (retry) {
            long delay = callbacks.retryDelaysMinutes().get(w.attempt - 1) * 60_000L;
            createCallback(w, w.callbackPhone, w.attempt + 1, quietAdjusted(now + delay));
        }
        if (result != CallbackOutcome.Result.REACHED) {
            listener.finished(contactId, w.channel, w.queue.name(), now - w.assignedAt);
            release(seat, w);
        }
        settle();
        return true;
    }

    /** Moves a time that falls in the quiet hours to their end. */
    long quietAdjusted(long millis) {
        CallbackConfig c = config.callbacks();
        LocalDateTime local = LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), zone);
        LocalTime t = local.toLocalTime();
        boolean spansMidnight = c.quietFrom().isAfter(c.quietUntil());
        boolean quiet = spansMidnight ? !t.isBefore(c.quietFrom()) || t.isBefore(c.quietUntil())
                : !t.isBefore(c.quietFrom()) && t.isBefore(c.quietUntil());
        if (!quiet) {
            return millis;
        }
        LocalDateTime end = local.toLocalDate().atTime(c.quietUntil());
        if (!end.isAfter(local)) {
            end = end.plusDays(1);
        }
        return end.atZone(zone).toInstant().toEpochMilli();
    }

    // ---------------------------------------------------------------- offers

    /** The outcome of {@link #answer}. */
    public record Answer(Optional<ContactAssigned> assigned, boolean stillStanding) {
    }

    /**
     * An agent accepts or rejects an offer. An answer to an offer that has expired, been withdrawn or belongs to
     * someone else changes nothing and comes back with {@code stillStanding == false}.
     */
    public Answer answer(String offerId, String agentId, boolean accept) {
        tick();
        Offer offer = offers.get(offerId);
        if (offer == null || !offer.isCurrent() || !offer.seat.id.equals(agentId)) {
            return new Answer(Optional.empty(), false);
        }
        if (!accept) {
            offer.contact.coolDown(agentId, now + config.rejectCooldownSeconds() * 1000L);
            armCooldownEnd(offer.contact);
            withdraw(offer, OfferWithdrawn.Reason.REJECTED);
            settle();
            return new Answer(Optional.empty(), true);
        }
        ContactAssigned assigned = assign(offer);
        settle();
        return new Answer(Optional.of(assigned), true);
    }

    private ContactAssigned assign(Offer offer) {
        Waiting w = offer.contact;
        Seat seat = offer.seat;
        offers.remove(offer.id);
        w.offer = null;
        seat.offer = null;
        queued.remove(w.contactId);
        w.holder = seat;
        w.assignedAt = now;
        seat.holding.put(w.contactId, w);
        holders.put(w.contactId, seat);
        seat.missedOffers = 0;
        seat.assignedCount++;
        // Kept in the store as held, not removed: a router that takes over knows who holds it.
        listener.entrySaved(w.toEntry());
        ContactAssigned assigned = new ContactAssigned(w.contactId, seat.id, seat.profile.extension(), w.channel,
                w.call, w.callback, w.callbackPhone);
        listener.assigned(assigned, w.queue.name(), now - w.enqueuedAt);
        refresh(seat);
        listener.agentStatus(status(seat));
        return assigned;
    }

    private void armCooldownEnd(Waiting w) {
        timers.at(now + config.rejectCooldownSeconds() * 1000L, () -> {
            if (queued.get(w.contactId) == w && w.lane != null) {
                contactsToPlace.add(w);
            }
        });
    }

    private void expire(Offer offer) {
        if (!offer.isCurrent()) {
            return;
        }
        Seat seat = offer.seat;
        Waiting w = offer.contact;
        w.coolDown(seat.id, now + config.rejectCooldownSeconds() * 1000L);
        armCooldownEnd(w);
        withdraw(offer, OfferWithdrawn.Reason.TIMED_OUT);
        missed(seat);
    }

    /** One more contact the agent did not take; enough in a row set the agent away and tell the supervisors. */
    private void missed(Seat seat) {
        seat.missedOffers++;
        if (seat.missedOffers >= config.awayAfterMissedOffers() && seat.presence == Presence.AVAILABLE) {
            change(seat, Presence.AWAY, "missed " + seat.missedOffers + " offers");
            listener.alert(new SupervisorAlert("AGENT_AWAY", null, seat.id, seat.profile.name()
                    + " 连续未接 " + seat.missedOffers + " 次，已置为离开 (set away after missed offers)",
                    Instant.ofEpochMilli(now)));
        }
    }

    /** Ends an offer without an assignment: the contact returns to its place, the agent may be offered again. */
    private void withdraw(Offer offer, OfferWithdrawn.Reason reason) {
        Waiting w = offer.contact;
        Seat seat = offer.seat;
        offers.remove(offer.id);
        w.offer = null;
        seat.offer = null;
        seat.addLoad(w.medium(), -1);
        listener.offerWithdrawn(new OfferWithdrawn(offer.id, w.contactId, seat.id, reason));
        if (queued.get(w.contactId) == w) {
            place(w);
        }
        refresh(seat);
    }

    private void offer(Waiting w, Seat seat) {
        unlane(w);
        String id = w.contactId + "-o" + (++offerSequence);
        long expiresAt = now + w.queue.offerTimeoutSeconds() * 1000L;
        Offer offer = new Offer(id, w, seat, now, expiresAt);
        offers.put(id, offer);
        w.offer = offer;
        seat.offer = offer;
        seat.addLoad(w.medium(), 1);
        refresh(seat);
        timers.at(expiresAt, () -> expire(offer));
        listener.offerMade(made(offer));
    }

    private static OfferMade made(Offer offer) {
        Waiting w = offer.contact;
        return new OfferMade(offer.id, w.contactId, offer.seat.id, w.channel, w.priority, w.sender,
                Instant.ofEpochMilli(w.enqueuedAt), Instant.ofEpochMilli(offer.expiresAt), w.callback);
    }

    /** The offer standing for the agent now, as it was made: a desk that reconnected shows it again. */
    public Optional<OfferMade> standingOffer(String agentId) {
        Seat seat = seats.get(agentId);
        Offer offer = seat == null ? null : seat.offer;
        return offer != null && offer.isCurrent() ? Optional.of(made(offer)) : Optional.empty();
    }

    /**
     * The contact never reached the agent (the PBX could not move the call, the phone did not answer): it returns
     * to its old place, the agent counts a missed offer and is not asked again for the cooldown.
     *
     * @return false when the agent does not hold the contact
     */
    public boolean returnToQueue(String contactId, String agentId) {
        tick();
        Seat seat = seat(agentId);
        Waiting w = seat.holding.remove(contactId);
        if (w == null) {
            return false;
        }
        holders.remove(contactId);
        seat.addLoad(w.medium(), -1);
        w.holder = null;
        w.coolDown(agentId, now + config.rejectCooldownSeconds() * 1000L);
        armCooldownEnd(w);
        queued.put(w.contactId, w);
        listener.entrySaved(w.toEntry());
        place(w);
        missed(seat);
        refresh(seat);
        listener.agentStatus(status(seat));
        settle();
        return true;
    }

    /** The agent is done with the contact; wrap-up starts when they hold nothing else. */
    public boolean finish(String contactId, String agentId) {
        tick();
        Seat seat = seat(agentId);
        Waiting w = seat.holding.get(contactId);
        if (w == null) {
            return false;
        }
        listener.finished(contactId, w.channel, w.queue.name(), now - w.assignedAt);
        release(seat, w, true);
        rememberFinished(contactId, now);
        settle();
        return true;
    }

    private void release(Seat seat, Waiting w) {
        release(seat, w, false);
    }

    /** {@code finishedNow}: the agent finished it (the store remembers it finished), else it was handed back. */
    private void release(Seat seat, Waiting w, boolean finishedNow) {
        seat.holding.remove(w.contactId);
        holders.remove(w.contactId);
        if (!queued.containsKey(w.contactId)) {
            if (finishedNow) {
                listener.entryFinished(w.contactId, Instant.ofEpochMilli(now));
            } else {
                listener.entryRemoved(w.contactId);
            }
        }
        seat.addLoad(w.medium(), -1);
        int wrapUp = w.queue.wrapUpSeconds();
        if (seat.holding.isEmpty() && seat.presence == Presence.AVAILABLE) {
            if (wrapUp > 0) {
                change(seat, Presence.WRAP_UP, null);
                seat.wrapUpUntil = now + wrapUp * 1000L;
                int generation = seat.generation;
                timers.at(seat.wrapUpUntil, () -> {
                    if (seat.generation == generation && seat.presence == Presence.WRAP_UP) {
                        change(seat, Presence.AVAILABLE, null);
                        seat.wrapUpUntil = 0;
                        becomeIdle(seat);
                        seatsToServe.add(seat);
                    }
                });
            } else {
                becomeIdle(seat);
            }
        }
        refresh(seat);
        listener.agentStatus(status(seat));
    }

    // ---------------------------------------------------------------- decisions

    /** Runs whatever fell due by now. */
    public void advance() {
        tick();
        settle();
    }

    /** When {@link #advance()} must next be called, or empty when nothing is pending. */
    public Optional<Instant> nextDue() {
        long next = timers.next();
        return next == Long.MAX_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(next));
    }

    private void tick() {
        now = clock.millis();
        timers.runDue(now);
        settle();
    }

    /** Makes every offer that the last change allows: new contacts find agents, freed agents find contacts. */
    private void settle() {
        while (!contactsToPlace.isEmpty() || !seatsToServe.isEmpty()) {
            Waiting w = contactsToPlace.poll();
            if (w != null) {
                if (w.lane != null && w.offer == null && queued.get(w.contactId) == w) {
                    Seat seat = findAgent(w);
                    if (seat != null) {
                        offer(w, seat);
                    }
                }
                continue;
            }
            Seat seat = seatsToServe.poll();
            if (seat.offerable()) {
                Waiting best = findContact(seat);
                if (best != null) {
                    offer(best, seat);
                }
            }
        }
    }

    /** The agent for a contact, by its queue's strategy, among ready agents with room and every needed skill. */
    Seat findAgent(Waiting w) {
        List<String> needs = w.needs();
        RoutingStrategy strategy = strategies.get(w.queue.name());
        if (strategy.choosesFirstByLevelThenIdle() && needs.size() <= 1) {
            return firstInOrder(w, needs);
        }
        Collection<Seat> pool = offerable;
        for (String skill : needs) {
            LinkedHashSet<Seat> withSkill = offerableBySkill.get(skill);
            if (withSkill == null) {
                return null;
            }
            if (withSkill.size() < pool.size()) {
                pool = withSkill;
            }
        }
        Channel.Medium medium = w.medium();
        candidates.clear();
        for (Seat seat : pool) {
            if (seat.profile.channels().contains(w.channel) && seat.hasSkills(needs)
                    && seat.hasRoomFor(medium, voiceBlocksOtherMedia) && !w.coolingDown(seat.id, now)) {
                candidates.add(seat);
            }
        }
        if (candidates.isEmpty()) {
            return null;
        }
        return strategy.choose(candidates, needs);
    }

    /** The first ready agent, in the strategy's order, who may take the contact. */
    private Seat firstInOrder(Waiting w, List<String> needs) {
        java.util.NavigableSet<Seat> ordered = needs.isEmpty() ? offerableByIdle : offerableByLevel.get(needs.get(0));
        if (ordered == null) {
            return null;
        }
        Channel.Medium medium = w.medium();
        for (Seat seat : ordered) {
            if (seat.profile.channels().contains(w.channel) && seat.hasRoomFor(medium, voiceBlocksOtherMedia)
                    && !w.coolingDown(seat.id, now)) {
                return seat;
            }
        }
        return null;
    }

    /** Moves the agent's idle time to now, keeping the ordered indexes consistent. */
    private void becomeIdle(Seat seat) {
        boolean indexed = offerable.contains(seat);
        if (indexed) {
            unindex(seat);
        }
        seat.idleSince = now;
        if (indexed) {
            refresh(seat);
        }
    }

    /** The best waiting contact this agent may take: the lowest effective priority value, then the earliest. */
    Waiting findContact(Seat seat) {
        Waiting best = null;
        double bestRank = Double.MAX_VALUE;
        for (Lane lane : lanesOf(seat)) {
            if (lane.waiting.isEmpty() || !seat.hasRoomFor(lane.medium, voiceBlocksOtherMedia)) {
                continue;
            }
            for (Waiting w : lane.waiting) {
                if (w.coolingDown(seat.id, now)) {
                    continue;
                }
                double rank = rank(w);
                if (rank < bestRank || rank == bestRank && Lane.PLACE.compare(w, best) < 0) {
                    best = w;
                    bestRank = rank;
                }
                break;
            }
        }
        return best;
    }

    private double rank(Waiting w) {
        PriorityClassConfig c = classes.get(w.priorityClass);
        return c.base() - c.agingPerMinute() * (now - w.enqueuedAt) / 60_000.0;
    }

    private List<Lane> lanesOf(Seat seat) {
        if (seat.lanesVersion != lanesVersion) {
            List<Lane> mine = new ArrayList<>();
            for (Lane lane : lanes) {
                if (seat.profile.channels().contains(lane.channel) && seat.hasSkills(lane.skills)) {
                    mine.add(lane);
                }
            }
            seat.lanes = mine;
            seat.lanesVersion = lanesVersion;
        }
        return seat.lanes;
    }

    /**
     * Keeps the ready-agent indexes in step with the seat, and queues it for a decision when it may take work. Only
     * seats with room for some medium are indexed, so that a floor of agents on calls costs an arriving contact
     * nothing; every change of a ready seat's load is followed by a refresh.
     */
    private void refresh(Seat seat) {
        boolean indexed = offerable.contains(seat);
        if (seat.offerable() && hasRoomForAny(seat)) {
            if (!indexed) {
                offerable.add(seat);
                offerableByIdle.add(seat);
                for (String skill : seat.profile.skills().keySet()) {
                    offerableBySkill.computeIfAbsent(skill, k -> new LinkedHashSet<>()).add(seat);
                    offerableByLevel.computeIfAbsent(skill, Router::byLevelThenIdle).add(seat);
                }
            }
            seatsToServe.add(seat);
        } else if (indexed) {
            unindex(seat);
        }
    }

    private boolean hasRoomForAny(Seat seat) {
        for (Channel.Medium m : MEDIA) {
            if (seat.hasRoomFor(m, voiceBlocksOtherMedia)) {
                return true;
            }
        }
        return false;
    }

    private static TreeSet<Seat> byLevelThenIdle(String skill) {
        return new TreeSet<>(Comparator.comparingInt((Seat seat) -> -seat.skillLevel(skill)).thenComparing(BY_IDLE));
    }

    private void unindex(Seat seat) {
        if (offerable.remove(seat)) {
            offerableByIdle.remove(seat);
            for (String skill : seat.profile.skills().keySet()) {
                LinkedHashSet<Seat> set = offerableBySkill.get(skill);
                if (set != null) {
                    set.remove(seat);
                }
                java.util.TreeSet<Seat> ordered = offerableByLevel.get(skill);
                if (ordered != null) {
                    ordered.remove(seat);
                }
            }
        }
    }

    // ---------------------------------------------------------------- restore and views

    private void rememberFinished(String contactId, long at) {
        finished.remove(contactId);
        finished.put(contactId, at);
        var oldest = finished.values().iterator();
        while (oldest.hasNext() && at - oldest.next() > FINISHED_KEPT_MILLIS) {
            oldest.remove();
        }
    }

    /**
     * The contacts the store remembers finished (by the previous router too), so that a late request to queue one of
     * them after a take-over does not offer it again.
     */
    public void restoreFinished(Map<String, Instant> finishedAt) {
        tick();
        finishedAt.entrySet().stream().sorted(Map.Entry.comparingByValue())
                .forEach(e -> rememberFinished(e.getKey(), e.getValue().toEpochMilli()));
    }

    /** Puts persisted entries back in their places after a restart or a take-over; offers start afresh. */
    public void restore(Collection<QueueEntry> entries) {
        tick();
        for (QueueEntry e : entries) {
            if (queued.containsKey(e.contactId())) {
                continue;
            }
            if (isHeld(e.contactId())) {
                continue;
            }
            PriorityClass priorityClass = PriorityClass.valueOf(e.priorityClass());
            Waiting w = new Waiting(e.contactId(), e.channel(), e.priority(), e.sender(), e.call(), e.needs(),
                    e.enqueuedAt().toEpochMilli(), e.sequence(), config.queueFor(e.channel()), priorityClass);
            w.step = Math.min(e.step(), w.needSteps.size() - 1);
            w.notBefore = e.notBefore() == null ? 0 : e.notBefore().toEpochMilli();
            w.callback = e.callback();
            w.callbackPhone = e.callbackPhone();
            w.attempt = e.attempt();
            sequence = Math.max(sequence, e.sequence() + 1);
            Seat holder = e.heldBy() == null ? null : seats.get(e.heldBy());
            if (holder != null) {
                restoreHold(holder, w);
            } else {
                admit(w);
            }
        }
        settle();
    }

    /**
     * A contact the previous router had given to an agent stays theirs: their desk announces them again and they
     * finish it. Chats and letters of an agent who does not come back within the grace period return to the queue.
     */
    private void restoreHold(Seat seat, Waiting w) {
        w.holder = seat;
        w.assignedAt = now;
        seat.holding.put(w.contactId, w);
        holders.put(w.contactId, seat);
        seat.addLoad(w.medium(), 1);
        if (w.medium() != Channel.Medium.VOICE) {
            int generation = seat.generation;
            timers.at(now + config.chatGraceSeconds() * 1000L, () -> {
                if (seat.generation == generation && seat.presence != Presence.AVAILABLE) {
                    returnNonVoiceContacts(seat);
                }
            });
        }
    }

    /**
     * Compares the router's queue with the store's and, when given, with the calls the PBX has; repairs every
     * difference and says what it repaired. A voice contact whose call is gone is treated as abandoned; one that
     * entered after {@code liveCallsAt} is left alone, as the PBX may not have listed it yet.
     *
     * @param liveCalls the PBX's call ids, or null when the PBX could not be asked
     */
    public List<String> reconcile(Collection<QueueEntry> stored, java.util.Set<String> liveCalls,
                                  Instant liveCallsAt) {
        return reconcile(stored, java.util.Set.of(), liveCalls, liveCallsAt);
    }

    /**
     * As {@link #reconcile(Collection, java.util.Set, Instant)}, leaving alone the contacts in {@code writtenSince}:
     * written while the snapshot was read, so the snapshot may show them either way.
     */
    public List<String> reconcile(Collection<QueueEntry> stored, java.util.Set<String> writtenSince,
                                  java.util.Set<String> liveCalls, Instant liveCallsAt) {
        tick();
        List<String> repairs = new ArrayList<>();
        java.util.Set<String> storedIds = new java.util.HashSet<>();
        List<QueueEntry> missing = new ArrayList<>();
        for (QueueEntry e : stored) {
            storedIds.add(e.contactId());
            if (writtenSince.contains(e.contactId())) {
                continue;
            }
            Seat holder = holders.get(e.contactId());
            if (holder != null) {
                if (!holder.id.equals(e.heldBy())) {
                    listener.entrySaved(holder.holding.get(e.contactId()).toEntry());
                    repairs.add("stored " + e.contactId() + " again: " + holder.id + " holds it");
                }
            } else if (e.heldBy() != null) {
                // While this router runs it knows who holds what: a hold only the store has is a lost removal.
                listener.entryRemoved(e.contactId());
                repairs.add("removed stored hold of " + e.contactId() + " by " + e.heldBy() + ": nobody holds it");
            } else if (!queued.containsKey(e.contactId())) {
                missing.add(e);
                repairs.add("restored " + e.contactId() + ": in the store but not in the router");
            }
        }
        restore(missing);
        holders.forEach((contactId, seat) -> {
            if (!storedIds.contains(contactId) && !writtenSince.contains(contactId)) {
                listener.entrySaved(seat.holding.get(contactId).toEntry());
                repairs.add("stored " + contactId + " again: " + seat.id + " holds it");
            }
        });
        for (Waiting w : List.copyOf(queued.values())) {
            if (!storedIds.contains(w.contactId) && !writtenSince.contains(w.contactId)) {
                listener.entrySaved(w.toEntry());
                repairs.add("stored " + w.contactId + " again: in the router but not in the store");
            }
            boolean callGone = liveCalls != null && w.channel.isVoice() && !w.callback && w.call != null
                    && w.call.uniqueId() != null && !liveCalls.contains(w.call.uniqueId())
                    && w.enqueuedAt < liveCallsAt.toEpochMilli();
            if (callGone) {
                repairs.add("abandoned " + w.contactId + ": its call " + w.call.uniqueId() + " is gone from the PBX");
                abandon(w.contactId, w.sender);
            }
        }
        settle();
        return repairs;
    }

    public AgentStatus status(String agentId) {
        return status(seat(agentId));
    }

    private AgentStatus status(Seat seat) {
        Presence shown = seat.presence == Presence.AVAILABLE && busy(seat) ? Presence.BUSY : seat.presence;
        return new AgentStatus(seat.id, shown, seat.reason, Instant.ofEpochMilli(seat.since),
                seat.wrapUpUntil == 0 ? null : Instant.ofEpochMilli(seat.wrapUpUntil),
                List.copyOf(seat.holding.keySet()), seat.profile.extension());
    }

    private boolean busy(Seat seat) {
        if (seat.load(Channel.Medium.VOICE) > 0) {
            return true;
        }
        for (Channel.Medium m : Channel.Medium.values()) {
            if (seat.capacity(m) > 0 && seat.load(m) < seat.capacity(m)) {
                return false;
            }
        }
        return true;
    }

    /** Every contact in the queue (waiting, offered or scheduled), oldest first. */
    public List<QueueEntry> entries() {
        return queued.values().stream().sorted(Lane.PLACE).map(Waiting::toEntry).toList();
    }

    public Collection<Seat> seats() {
        return java.util.Collections.unmodifiableCollection(seats.values());
    }

    public int waitingCount() {
        return queued.size();
    }

    public int offersOutstanding() {
        return offers.size();
    }

    /** The live view for the wallboard. */
    public LiveView live() {
        tick();
        return LiveView.of(queued.values(), seats.values(), offers.size(), now, s -> status(s));
    }

    private Seat seat(String agentId) {
        Seat seat = seats.get(agentId);
        if (seat == null) {
            throw new IllegalArgumentException("unknown agent '" + agentId + "'");
        }
        return seat;
    }

    /** True when nothing waits unoffered while an agent who could take it is ready with room (work conservation). */
    public boolean isWorkConserving() {
        for (Waiting w : queued.values()) {
            if (w.lane != null && w.offer == null && findAgent(w) != null) {
                return false;
            }
        }
        return true;
    }
}
