package org.civicline.agentui.live;

import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.civicline.core.channels.ChannelAddresses;
import org.civicline.core.channels.ConversationTurn;

/**
 * One consumer per node of every conversation's new turns, handing each to the desks that hold that contact. A
 * consumer per held chat would register (and, clustered, announce to every node) an address per contact; this one
 * address is registered once.
 */
final class ConversationFanout {
    private final Map<String, Set<ServerWebSocket>> desks = new ConcurrentHashMap<>();

    ConversationFanout(Vertx vertx) {
        vertx.eventBus().<ConversationTurn>consumer(ChannelAddresses.TURNS, m -> {
            ConversationTurn turn = m.body();
            Set<ServerWebSocket> sockets = turn.contactId() == null ? null : desks.get(turn.contactId());
            if (sockets == null) {
                return;
            }
            String frame = LiveFrames.frame(turn);
            for (ServerWebSocket socket : sockets) {
                if (!socket.isClosed()) {
                    socket.writeTextMessage(frame);
                }
            }
        });
    }

    void watch(String contactId, ServerWebSocket socket) {
        desks.computeIfAbsent(contactId, id -> ConcurrentHashMap.newKeySet()).add(socket);
    }

    void unwatch(String contactId, ServerWebSocket socket) {
        desks.computeIfPresent(contactId, (id, set) -> {
            set.remove(socket);
            return set.isEmpty() ? null : set;
        });
    }
}
