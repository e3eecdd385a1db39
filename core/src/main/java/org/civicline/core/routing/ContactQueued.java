package org.civicline.core.routing;

/** The contact waits in the queue; {@code alreadyQueued} when it was there before (a repeated delivery). */
public record ContactQueued(String contactId, boolean alreadyQueued, int waiting) {
}
