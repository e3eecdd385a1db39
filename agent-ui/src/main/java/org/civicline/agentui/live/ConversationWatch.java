package org.civicline.agentui.live;

import io.vertx.core.http.ServerWebSocket;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * One agent socket's watch on the conversations of the contacts the agent holds: a resident's new message reaches
 * the open chat tab at once. Kept in step with the router's word on what the agent holds (every AgentStatus the desk
 * gets), so a finished chat stops pushing. Used on the socket's context only.
 */
final class ConversationWatch {
    private final ConversationFanout fanout;
    private final ServerWebSocket socket;
    private final Set<String> watched = new HashSet<>();

    ConversationWatch(ConversationFanout fanout, ServerWebSocket socket) {
        this.fanout = fanout;
        this.socket = socket;
    }

    void add(String contactId) {
        if (watched.add(contactId)) {
            fanout.watch(contactId, socket);
        }
    }

    /** The contacts held now: watch those, stop watching the rest. */
    void holding(Collection<String> contactIds) {
        watched.removeIf(id -> {
            if (contactIds.contains(id)) {
                return false;
            }
            fanout.unwatch(id, socket);
            return true;
        });
        contactIds.forEach(this::add);
    }

    void close() {
        watched.forEach(id -> fanout.unwatch(id, socket));
        watched.clear();
    }
}
