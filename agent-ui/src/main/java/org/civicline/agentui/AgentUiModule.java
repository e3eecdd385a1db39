package org.civicline.agentui;

import org.civicline.core.http.ClientAddresses;
import io.vertx.core.Future;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.sstore.ClusteredSessionStore;
import io.vertx.ext.web.sstore.LocalSessionStore;
import io.vertx.ext.web.sstore.SessionStore;
import java.time.Duration;
import java.util.Map;
import org.civicline.agentui.auth.AccessGuard;
import org.civicline.agentui.auth.BearerTokens;
import org.civicline.agentui.auth.SignInLimiter;
import org.civicline.agentui.auth.SignInRoutes;
import org.civicline.agentui.auth.UserDirectory;
import org.civicline.agentui.desk.DeskCommsRoutes;
import org.civicline.agentui.desk.DeskRoutes;
import org.civicline.agentui.desk.ResidentRoutes;
import org.civicline.agentui.desk.SimilarCaseRoutes;
import org.civicline.agentui.live.LiveSocket;
import org.civicline.agentui.live.SupervisorFanout;
import org.civicline.agentui.supervisor.ListenInRoute;
import org.civicline.agentui.supervisor.SupervisorRoutes;
import org.civicline.core.cases.CaseScan;
import org.civicline.core.cases.CasesConfig;
import org.civicline.core.cases.merge.SimilarCases;
import org.civicline.core.module.CivicModule;
import org.civicline.core.module.ModuleContext;

/**
 * The pages (agent desk, wallboard) and their API: sign-in, roles on every {@code /api} route, the desk's actions,
 * and the live WebSocket.
 */
public final class AgentUiModule implements CivicModule {
    /** Runs before every other route: sessions first, then the access guard. */
    private static final int SESSION_ORDER = -200;
    private static final int GUARD_ORDER = -100;
    /** Where a signed-in user's session is read: every staff API call and the desks' and wallboards' socket. */
    static final java.util.List<String> SESSION_PATHS = java.util.List.of("/api/*", "/ws");

    @Override
    public String name() {
        return "agent-ui";
    }

    @Override
    public Future<Void> start(ModuleContext context, Router router) {
        UiConfig config = context.config().section("ui", UiConfig.class);
        UserDirectory users = UserDirectory.load(context.config().directory());
        BearerTokens tokens = new BearerTokens(context.vertx(), context.clock(),
                Duration.ofHours(config.tokenHours()));
        SignInLimiter limiter = new SignInLimiter(context.clock(), config.signInMaxFailures(),
                Duration.ofMinutes(config.signInWindowMinutes()));

        // Clustered, the sessions live in the cluster's shared map: a desk that reconnects to another node (no sticky
        // sessions at the load balancer) is still signed in there.
        SessionStore sessions = context.vertx().isClustered() ? ClusteredSessionStore.create(context.vertx())
                : LocalSessionStore.create(context.vertx());
        SessionHandler sessionHandler = SessionHandler.create(sessions)
                .setSessionTimeout(Duration.ofMinutes(config.sessionMinutes()).toMillis())
                .setCookieHttpOnlyFlag(true)
                .setCookieSecureFlag(config.secureCookies())
                .setCookieSameSite(CookieSameSite.STRICT)
                .setSessionCookieName("civicline.session")
                // Only requests that use a session get one, so the store's reaper has no empty sessions to walk.
                .setLazySession(true);
        // Staff sessions belong to the staff API and the live socket only: residents' channel posts (Open311, WeChat,
        // mailbox, SMS) and static files pass without the cookie parsing and session id generation.
        for (String path : SESSION_PATHS) {
            router.route(path).order(SESSION_ORDER).handler(sessionHandler);
        }
        router.route("/api/*").order(GUARD_ORDER).handler(new AccessGuard(users, tokens));

        new SignInRoutes(context.vertx(), users, limiter, tokens, ClientAddresses.of(context.config())).mount(router);
        DeskRoutes desk = new DeskRoutes(context.vertx(), context.stores().contacts());
        desk.mount(router);
        new DeskCommsRoutes(context.vertx(), context.stores().contacts(), desk).mount(router);
        new ResidentRoutes(context.stores(), context.reference().categories(), context.clock()).mount(router);
        CasesConfig cases = context.config().section("cases", CasesConfig.class);
        // Desks ask as agents type: one scan of the newest cases serves them all for a few seconds.
        CaseScan sharedScan = new CaseScan(context.stores().cases(), cases.scanLimit(), SimilarCaseRoutes.SCAN_MAX_AGE,
                context.clock());
        new SimilarCaseRoutes(new SimilarCases(sharedScan, cases.duplicates().distanceMeters(),
                cases.duplicates().windowHours()), context.clock()).mount(router);
        new SupervisorRoutes(context.vertx()).mount(router);
        new ListenInRoute(context.vertx()).mount(router);
        new LiveSocket(context.vertx(), users, tokens, new SupervisorFanout(context.vertx())).mount(router);
        router.get("/api/ui/settings").handler(ctx -> BusReplies.json(ctx, 200, Map.of(
                "sipWebSocketUrl", config.sipWebSocketUrl(), "mapTileUrl", config.mapTileUrl())));

        router.route("/ui/*").handler(ctx -> {
            ctx.response().putHeader("X-Frame-Options", "DENY")
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data: https:; "
                            + "style-src 'self' 'unsafe-inline'; connect-src 'self' ws: wss:");
            ctx.next();
        });
        router.route("/ui/*").handler(StaticHandler.create("agentui").setCachingEnabled(false));
        router.route("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars"));
        router.get("/").handler(ctx -> ctx.redirect("/ui/login.html"));
        return Future.succeededFuture();
    }
}
