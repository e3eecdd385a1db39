package org.civicline.server.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
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
    /** Each agent's event loop: the floor is spread over the tool's lanes, as one loop could not keep up with it. */
    private final List<Context> agentLanes = new ArrayList<>();
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

    /**
     * Signs every agent in from its lane (agent i on lane i mod lanes): its connections, frames and timers stay on that
     * lane's event loop from then on.
     */
    Future<Void> signIn(List<Context> lanes) {
        agentLanes.clear();
        for (int i = 0; i < agents.size(); i++) {
            agentLanes.add(lanes.get(i % lanes.size()));
        }
        return all(a -> a.signIn(sockets));
    }

    Future<Void> ready() {
        return all(a -> a.presence("AVAILABLE"));
    }

    Future<Void> pause() {
        return all(a -> a.presence("BREAK"));
    }

    Future<Void> leave() {
        return all(SimulatedAgent::leave)
                .transform(ignored -> sockets.close())
                .onComplete(ignored -> http.close());
    }

    AgentErrors errors() {
        return errors;
    }

    private Future<Void> all(Function<SimulatedAgent, Future<Void>> step) {
        List<Future<Void>> steps = new ArrayList<>(agents.size());
        for (int i = 0; i < agents.size(); i++) {
            SimulatedAgent agent = agents.get(i);
            steps.add(i < agentLanes.size() ? onLane(agentLanes.get(i), () -> step.apply(agent)) : step.apply(agent));
        }
        return Future.all(steps).mapEmpty();
    }

    private static Future<Void> onLane(Context lane, java.util.function.Supplier<Future<Void>> step) {
        Promise<Void> done = Promise.promise();
        lane.runOnContext(v -> step.get().onComplete(done));
        return done.future();
    }
}
