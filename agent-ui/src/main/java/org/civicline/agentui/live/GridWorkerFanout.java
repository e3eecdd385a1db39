package org.civicline.agentui.live;

import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.civicline.core.bus.GridTaskChanged;

/**
 * One consumer per node of the grid task notices, handing each to the phones of the worker it names. One consumer
 * and a lookup, rather than a consumer per phone, because every notice would otherwise be delivered to every phone's
 * handler only to be thrown away by all but one.
 */
final class GridWorkerFanout {
    private final Map<String, Set<ServerWebSocket>> phones = new ConcurrentHashMap<>();

    GridWorkerFanout(Vertx vertx) {
        vertx.eventBus().<GridTaskChanged>consumer(GridTaskChanged.ADDRESS, m -> {
            GridTaskChanged notice = m.body();
            Set<ServerWebSocket> sockets = notice.workerId() == null ? null : phones.get(notice.workerId());
            if (sockets == null) {
                return;
            }
            String frame = LiveFrames.frame(notice);
            for (ServerWebSocket socket : sockets) {
                if (!socket.isClosed() && !socket.writeQueueFull()) {
                    socket.writeTextMessage(frame);
                }
            }
        });
    }

    void add(String workerId, ServerWebSocket socket) {
        phones.computeIfAbsent(workerId, id -> ConcurrentHashMap.newKeySet()).add(socket);
        socket.closeHandler(v -> phones.computeIfPresent(workerId, (id, set) -> {
            set.remove(socket);
            return set.isEmpty() ? null : set;
        }));
    }
}
