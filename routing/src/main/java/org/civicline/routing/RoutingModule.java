package org.civicline.routing;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.time.ZoneId;
import org.civicline.core.cluster.SingletonDeployer;
import org.civicline.core.model.Agent;
import org.civicline.core.store.QueueStore;
import org.civicline.core.module.CivicModule;
import org.civicline.core.module.ModuleContext;
import org.civicline.routing.agents.AgentDirectory;
import org.civicline.routing.config.RoutingConfig;

/** The one queue and the router, with its HTTP figures. */
public final class RoutingModule implements CivicModule {

    @Override
    public String name() {
        return "routing";
    }

    @Override
    public Future<Void> start(ModuleContext context, Router router) {
        RoutingConfig config = context.config().section("routing", RoutingConfig.class);
        java.util.List<Agent> agents = AgentDirectory.load(context.config().directory());
        ZoneId zone = context.reference().calendar().zone();
        new RoutingRoutes(context.vertx(), zone).mount(router);
        // One router decides for the whole cluster; another node takes over, from the store, when it dies.
        return context.vertx().deployVerticle(new SingletonDeployer(QueueStore.FENCED_BY, context.stores().fences(),
                context.nodeId(), fence -> new RouterVerticle(config,
                context.clock(), zone, context.stores().queue(), agents, fence, context.stores().reference())))
                .mapEmpty();
    }
}
