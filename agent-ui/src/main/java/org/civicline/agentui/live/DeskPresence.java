package org.civicline.agentui.live;

import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import org.civicline.core.routing.AgentPresenceChange;
import org.civicline.core.routing.AgentStatus;
import org.civicline.core.routing.Presence;
import org.civicline.core.routing.RoutingAddresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The presence of the agents whose desks are connected to this node, as the router last told them. When a router
 * starts on another node (the one that ran it died), it has the waiting contacts from the store but believes every
 * agent signed off; this node then announces its desks' agents again — ready (also those who were busy or in wrap-up:
 * the new router no longer knows what they held) or on break with their reason — so that routing resumes at once
 * instead of when each agent presses "ready" again.
 */
final class DeskPresence {
    private static final Logger LOG = LoggerFactory.getLogger(DeskPresence.class);

    private final Vertx vertx;
    /** Agent → open desk sockets on this node; only agents with at least one are announced. */
    private final Map<String, Integer> desks = new HashMap<>();
    private final Map<String, AgentStatus> lastSeen = new HashMap<>();

    DeskPresence(Vertx vertx) {
        this.vertx = vertx;
        vertx.eventBus().<String>consumer(RoutingAddresses.ROUTER_STARTED, m -> announceAll(m.body()));
    }

    synchronized void opened(String agentId) {
        desks.merge(agentId, 1, Integer::sum);
    }

    synchronized void closed(String agentId) {
        if (desks.merge(agentId, -1, Integer::sum) <= 0) {
            desks.remove(agentId);
            lastSeen.remove(agentId);
        }
    }

    /** Everything the router sends an agent's desk passes here; only its state is kept. */
    synchronized void seen(String agentId, Object frame) {
        if (frame instanceof AgentStatus status && desks.containsKey(agentId)) {
            lastSeen.put(agentId, status);
        }
    }

    private void announceAll(String token) {
        Map<String, AgentStatus> snapshot;
        synchronized (this) {
            snapshot = new HashMap<>(lastSeen);
        }
        snapshot.forEach((agentId, status) -> {
            AgentPresenceChange again = switch (status.presence()) {
                case AVAILABLE, BUSY, WRAP_UP -> new AgentPresenceChange(agentId, Presence.AVAILABLE, null);
                case BREAK -> new AgentPresenceChange(agentId, Presence.BREAK, status.reason());
                case AWAY, OFFLINE -> null;
            };
            if (again != null) {
                vertx.eventBus().request(RoutingAddresses.PRESENCE, again)
                        .onFailure(e -> LOG.warn("could not announce agent {} to the new router (token {}): {}",
                                agentId, token, e.getMessage()));
            }
        });
        if (!snapshot.isEmpty()) {
            LOG.info("announced {} agents' presence to the router that started (token {})", snapshot.size(), token);
        }
    }
}
