package org.civicline.core.routing;

/**
 * Contacts a channel stored but could not hand to the router because no router answered on this node (none runs
 * yet, or the node is cut off from the one that runs it). They are kept as {@link EnqueueContact} documents of the
 * {@code ReferenceStore} kind {@link #KIND}, keyed by contact id; the router takes them in at start and every few
 * seconds, and removes each once its queue entry is stored. So an acknowledged contact is always offered.
 */
public final class PendingEnqueues {
    public static final String KIND = "routing.pending";

    private PendingEnqueues() {
    }
}
