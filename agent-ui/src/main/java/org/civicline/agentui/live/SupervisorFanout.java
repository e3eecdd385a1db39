package org.civicline.agentui.live;

import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.civicline.core.routing.RoutingAddresses;

/**
 * One set of bus consumers per node feeding every open wallboard: each notice is turned into a frame once and
 * written to all sockets.
 */
public final class SupervisorFanout {
    static final List<String> ADDRESSES = List.of(RoutingAddresses.LIVE_STATS, RoutingAddresses.AGENT_STATUS,
            RoutingAddresses.SUPERVISOR_ALERT, RoutingAddresses.ASSIGNED, RoutingAddresses.OFFER_MADE);

    private final Set<ServerWebSocket> sockets = ConcurrentHashMap.newKeySet();

    public SupervisorFanout(Vertx vertx) {
        for (String address : ADDRESSES) {
            vertx.eventBus().consumer(address, m -> {
                // Most of the time no wallboard is open on a node: then nothing is turned into a frame.
                if (!sockets.isEmpty()) {
                    broadcast(LiveFrames.frame(m.body()));
                }
            });
        }
    }

    void add(ServerWebSocket socket) {
        sockets.add(socket);
        socket.closeHandler(v -> sockets.remove(socket));
    }

    private void broadcast(String frame) {
        for (ServerWebSocket socket : sockets) {
            if (!socket.isClosed() && !socket.writeQueueFull()) {
                socket.writeTextMessage(frame);
            }
        }
    }

    public int size() {
        return sockets.size();
    }
}
