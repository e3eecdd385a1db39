package org.civicline.agentui.live;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import org.civicline.agentui.auth.AccessGuard;
import org.civicline.agentui.auth.BearerTokens;
import org.civicline.agentui.auth.Role;
import org.civicline.agentui.auth.User;
import org.civicline.agentui.auth.UserDirectory;
import org.civicline.core.json.Jsons;
import org.civicline.core.routing.AgentPresenceChange;
import org.civicline.core.routing.AgentStatus;
import org.civicline.core.routing.ContactAssigned;
import org.civicline.core.routing.RoutingAddresses;

/**
 * {@code /ws}: pushes to the signed-in person what concerns them, with no polling. An agent's desk gets its own
 * offers, assignments and state, and sends heartbeats back; a supervisor's wallboard gets the live figures, agents'
 * states and alerts; a grid worker's phone gets the notices of their own tasks. Any node can serve any desk: the bus
 * carries the agent's address and the task notices across the cluster.
 */
public final class LiveSocket {
    private final Vertx vertx;
    private final UserDirectory users;
    private final BearerTokens tokens;
    private final SupervisorFanout supervisors;
    private final GridWorkerFanout gridWorkers;
    private final DeskPresence presence;
    private final ConversationFanout conversations;
    private final DeskCommands commands;

    public LiveSocket(Vertx vertx, UserDirectory users, BearerTokens tokens, SupervisorFanout supervisors) {
        this.vertx = vertx;
        this.users = users;
        this.tokens = tokens;
        this.supervisors = supervisors;
        this.gridWorkers = new GridWorkerFanout(vertx);
        this.presence = new DeskPresence(vertx);
        this.conversations = new ConversationFanout(vertx);
        this.commands = new DeskCommands(vertx);
    }

    public void mount(Router router) {
        router.get("/ws").handler(this::upgrade);
    }

    private void upgrade(RoutingContext ctx) {
        String token = ctx.queryParams().get("token");
        if (token == null) {
            upgrade(ctx, null, Optional.ofNullable(ctx.session() == null ? null : ctx.session().<String>get("user"))
                    .flatMap(users::find));
            return;
        }
        tokens.usernameOf(ctx.request(), token).onComplete(found -> {
            if (found.failed()) {
                ctx.response().setStatusCode(503).end("sign-in could not be checked; try again shortly");
                return;
            }
            upgrade(ctx, token, found.result().flatMap(users::find));
        });
    }

    private void upgrade(RoutingContext ctx, String token, Optional<User> user) {
        if (user.isEmpty()) {
            ctx.response().setStatusCode(401).end("sign in first");
            return;
        }
        if (token == null && !sameSite(ctx)) {
            // A page on another site must not open a signed-in desk's socket with the browser's cookie.
            ctx.response().setStatusCode(403).end("the live socket is opened by CivicLine's own pages only");
            return;
        }
        ctx.request().toWebSocket().onSuccess(socket -> attach(socket, user.get())).onFailure(ctx::fail);
    }

    /**
     * Whether the page that opens the socket came from this host: browsers always send Origin on a WebSocket, and the
     * host names must match (ports may differ behind a proxy that forwards only the host name).
     */
    static boolean sameSite(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        String host = ctx.request().getHeader("Host");
        if (origin == null || host == null) {
            return false;
        }
        try {
            String originHost = java.net.URI.create(origin).getHost();
            return originHost != null && hostName(originHost).equalsIgnoreCase(hostName(host));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String hostName(String hostHeader) {
        if (hostHeader.startsWith("[")) {
            int end = hostHeader.indexOf(']');
            return end > 0 ? hostHeader.substring(1, end) : hostHeader;
        }
        int colon = hostHeader.indexOf(':');
        return colon >= 0 ? hostHeader.substring(0, colon) : hostHeader;
    }

    /** Subscribes the socket first and says Welcome after, so nothing sent after the Welcome can be missed. */
    private void attach(ServerWebSocket socket, User user) {
        io.vertx.core.Future<Void> subscribed = io.vertx.core.Future.succeededFuture();
        if (user.role() == Role.AGENT) {
            presence.opened(user.agentId());
            ConversationWatch chats = new ConversationWatch(conversations, socket);
            MessageConsumer<Object> desk = vertx.eventBus().consumer(RoutingAddresses.agentAddress(user.agentId()),
                    m -> {
                        presence.seen(user.agentId(), m.body());
                        if (m.body() instanceof AgentStatus status) {
                            chats.holding(status.contactIds());
                        } else if (m.body() instanceof ContactAssigned assigned) {
                            chats.add(assigned.contactId());
                        }
                        if (!socket.isClosed()) {
                            socket.writeTextMessage(LiveFrames.frame(m.body()));
                        }
                    });
            socket.closeHandler(v -> {
                desk.unregister();
                chats.close();
                presence.closed(user.agentId());
            });
            // The chats the agent already holds (a reloaded desk): watched from the start.
            vertx.eventBus().<AgentStatus>request(RoutingAddresses.PRESENCE,
                    new AgentPresenceChange(user.agentId(), null, null))
                    .onSuccess(status -> {
                        if (!socket.isClosed()) {
                            chats.holding(status.body().contactIds());
                        }
                    });
            subscribed = desk.completion();
            socket.textMessageHandler(text -> commands.handle(user.agentId(), socket, text));
        } else if (user.role() == Role.SUPERVISOR || user.role() == Role.ADMIN) {
            supervisors.add(socket);
        } else if (user.role() == Role.GRID_WORKER && user.workerId() != null) {
            gridWorkers.add(user.workerId(), socket);
        }
        subscribed.onComplete(done -> {
            if (!socket.isClosed()) {
                socket.writeTextMessage(Jsons.write(Map.of("type", "Welcome", "data", user.view())));
            }
        });
    }

}
