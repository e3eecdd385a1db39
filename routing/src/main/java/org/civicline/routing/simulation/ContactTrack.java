package org.civicline.routing.simulation;

import org.civicline.core.model.Channel;

/** What the simulator saw happen to one contact. Times are milliseconds since the start of the run. */
public final class ContactTrack {
    /** Where a contact is; every arrival is in exactly one state. */
    public enum State {
        /** In the router's queue: waiting, offered, or a callback task not yet due. */
        QUEUED,
        /** Accepted by an agent who has not finished it. */
        HELD,
        FINISHED,
        /** Hung up while waiting and left no number to call back. */
        ABANDONED,
        /** A callback task that ran out of attempts (or had a wrong number). */
        GAVE_UP;

        public boolean isClosed() {
            return this == FINISHED || this == ABANDONED || this == GAVE_UP;
        }
    }

    final String id;
    final Channel channel;
    final String sender;
    final long arrivedAt;
    State state = State.QUEUED;
    String holder;
    int assignments;
    int offers;
    long firstOfferAt = -1;
    /** The first accept of the contact itself (not of a callback made for it). */
    long answeredAt = -1;
    boolean abandoned;
    long abandonedAt = -1;
    int callbacksCreated;
    boolean finishedByCallback;

    ContactTrack(String id, Channel channel, String sender, long arrivedAt) {
        this.id = id;
        this.channel = channel;
        this.sender = sender;
        this.arrivedAt = arrivedAt;
    }

    public String id() {
        return id;
    }

    public Channel channel() {
        return channel;
    }

    public String sender() {
        return sender;
    }

    public long arrivedAt() {
        return arrivedAt;
    }

    public State state() {
        return state;
    }

    /** The agent holding the contact, when {@link State#HELD}. */
    public String holder() {
        return holder;
    }

    public int assignments() {
        return assignments;
    }

    public int offers() {
        return offers;
    }

    /** Arrival → first offer of the contact itself in milliseconds (not of a callback made for it), or -1. */
    public long timeToOffer() {
        return firstOfferAt < 0 ? -1 : firstOfferAt - arrivedAt;
    }

    /** Arrival → accept in milliseconds (the speed of answer), or -1 if never answered as such. */
    public long timeToAnswer() {
        return answeredAt < 0 ? -1 : answeredAt - arrivedAt;
    }

    public boolean abandoned() {
        return abandoned;
    }

    public int callbacksCreated() {
        return callbacksCreated;
    }

    /** Finished by an agent who called the resident back (after the resident had hung up). */
    public boolean finishedByCallback() {
        return finishedByCallback;
    }

    @Override
    public String toString() {
        return id + "[" + channel + ", " + state + (holder == null ? "" : " by " + holder) + ", offers " + offers
                + ", assignments " + assignments + (abandoned ? ", abandoned" : "") + ", callbacks "
                + callbacksCreated + "]";
    }
}
