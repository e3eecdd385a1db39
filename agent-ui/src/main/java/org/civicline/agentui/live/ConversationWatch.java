package org.civicline.agentui.live;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.civicline.core.channels.ChannelAddresses;

/**
 * One agent socket's subscriptions to the conversations of the contacts the agent holds: a resident's new message
 * reaches the open chat tab at once. Kept in step with the router's word on what the agent holds (every AgentStatus
 * the desk gets), so a finished chat stops pushing. Used on the socket's context only.
 */
final class ConversationWatch {
    private final Vertx vertx;
    private final ServerWebSocket socket;
    private final Map<String, MessageConsumer<Object>> watched = new HashMap<>();

    ConversationWatch(Vertx vertx, ServerWebSocket socket) {
        this.vertx = vertx;
        this.socket = socket;
    }

    void add(String contactId) {
        watched.computeIfAbsent(contactId, id -> vertx.eventBus().consumer(ChannelAddresses.conversationAddress(id),
                m -> {
                    if (!socket.isClosed()) {
                        socket.writeTextMessage(LiveFrames.frame(m.body()));
                    }
                }));
    }

    /** The contacts held now: watch those, stop watching the rest. */
    void holding(Collection<String> contactIds) {
        watched.keySet().removeIf(id -> {
            if (contactIds.contains(id)) {
                return false;
            }
            watched.get(id).unregister();
            return true;
        });
        contactIds.forEach(this::add);
    }

    void close() {
        watched.values().forEach(MessageConsumer::unregister);
        watched.clear();
    }
}
