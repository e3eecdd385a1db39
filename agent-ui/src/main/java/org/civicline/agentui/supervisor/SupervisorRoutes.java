package org.civicline.agentui.supervisor;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.civicline.agentui.BusReplies;
import org.civicline.agentui.auth.AccessGuard;
import org.civicline.core.routing.AgentPresenceChange;
import org.civicline.core.routing.Presence;
import org.civicline.core.routing.RoutingAddresses;

/** The duty chief's actions on agents: set away (with the supervisor named) or sign out. */
public final class SupervisorRoutes {
    private static final DeliveryOptions REQUEST = new DeliveryOptions().setSendTimeout(10_000);
    private final Vertx vertx;

    public SupervisorRoutes(Vertx vertx) {
        this.vertx = vertx;
    }

    public void mount(Router router) {
        router.post("/api/supervisor/agents/:agentId/away").handler(ctx -> force(ctx, Presence.BREAK,
                "值班长置离开 set away by " + AccessGuard.user(ctx).username()));
        router.post("/api/supervisor/agents/:agentId/sign-out").handler(ctx -> force(ctx, Presence.OFFLINE,
                "值班长签出 signed out by " + AccessGuard.user(ctx).username()));
    }

    private void force(RoutingContext ctx, Presence presence, String reason) {
        BusReplies.answer(ctx, vertx.eventBus().request(RoutingAddresses.PRESENCE,
                new AgentPresenceChange(ctx.pathParam("agentId"), presence, reason), REQUEST).map(m -> m.body()));
    }
}
