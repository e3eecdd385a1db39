package org.civicline.server.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The simulated agents of a run, spread over the nodes: signed in together, ready, on break and off together. */
final class AgentFloor {
    private final List<SimulatedAgent> agents = new ArrayList<>();
    private final WebSocketClient sockets;
    private final AgentErrors errors = new AgentErrors();
    /** The desks' own connections, as each browser has its own: desk actions never queue behind submissions. */
    private final HttpTarget http;

    AgentFloor(Vertx vertx, LoadOptions options, Ledger ledger) {
        this.http = new HttpTarget(vertx, options.urls(), Math.max(1, options.agents()), options.timeoutMillis());
        this.sockets = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(4096));
        for (int i = 1; i <= options.agents(); i++) {
            URI node = URI.create(options.urls().get((i - 1) % options.urls().size()));
            agents.add(new SimulatedAgent(vertx, http, node, LoadConfig.agentId(options.agentPrefix(), i),
                    options.agentPassword(), options, ledger, errors, options.seed() * 31 + i));
        }
    }

    int size() {
        return agents.size();
    }

    Future<Void> signIn() {
        return all(a -> a.signIn(sockets));
    }

    Future<Void> ready() {
        return all(a -> a.presence("AVAILABLE"));
    }

    Future<Void> pause() {
        return all(a -> a.presence("BREAK"));
    }

    Future<Void> leave() {
        return all(a -> a.presence("OFFLINE").transform(ignored -> a.close()))
                .transform(ignored -> sockets.close())
                .onComplete(ignored -> http.close());
    }

    AgentErrors errors() {
        return errors;
    }

    private Future<Void> all(Function<SimulatedAgent, Future<Void>> step) {
        return Future.all(agents.stream().map(step).toList()).mapEmpty();
    }
}
