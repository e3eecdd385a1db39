package org.civicline.routing.engine;

/** A reservation of one contact for one agent until {@code expiresAt}. */
final class Offer {
    final String id;
    final Waiting contact;
    final Seat seat;
    final long madeAt;
    final long expiresAt;

    Offer(String id, Waiting contact, Seat seat, long madeAt, long expiresAt) {
        this.id = id;
        this.contact = contact;
        this.seat = seat;
        this.madeAt = madeAt;
        this.expiresAt = expiresAt;
    }

    boolean isCurrent() {
        return contact.offer == this && seat.offer == this;
    }
}
