package org.civicline.agentui.auth;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.civicline.core.cases.http.CaseStepRoutes;
import org.civicline.core.json.Jsons;
import org.civicline.core.module.ModuleContext;

/**
 * Runs before every {@code /api} route: finds the signed-in user (session cookie or bearer token), checks the
 * route's roles ({@link AccessPolicy}), and for cookie sessions checks the CSRF token on every state-changing request.
 * 401 when nobody is signed in, 403 for the wrong role or a missing CSRF token.
 */
public final class AccessGuard implements Handler<RoutingContext> {
    public static final String USER_KEY = "civicline.user";
    static final String SESSION_USER = "user";
    static final String SESSION_CSRF = "csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private final UserDirectory users;
    private final BearerTokens tokens;

    public AccessGuard(UserDirectory users, BearerTokens tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    @Override
    public void handle(RoutingContext ctx) {
        AccessPolicy.Rule rule = AccessPolicy.ruleFor(ctx.normalizedPath());
        if (rule.isPublic()) {
            ctx.next();
            return;
        }
        Optional<String> bearer = bearer(ctx);
        if (bearer.isEmpty()) {
            admit(ctx, rule, false, sessionUser(ctx.session()).flatMap(users::find));
            return;
        }
        // The token is looked up in the cluster's map; the body waits for the body handler after this guard.
        tokens.usernameOf(ctx.request(), bearer.get()).onComplete(found -> {
            if (found.failed()) {
                deny(ctx, 503, "登录状态暂时无法确认，请稍后重试 sign-in could not be checked; try again shortly");
                return;
            }
            admit(ctx, rule, true, found.result().flatMap(users::find));
        });
    }

    private void admit(RoutingContext ctx, AccessPolicy.Rule rule, boolean byToken, Optional<User> user) {
        if (user.isEmpty()) {
            deny(ctx, 401, "请先登录 sign in first");
            return;
        }
        if (!rule.roles().contains(user.get().role())) {
            deny(ctx, 403, "无权访问 your role (" + user.get().role() + ") may not use " + ctx.normalizedPath());
            return;
        }
        if (!byToken && changesState(ctx.request().method()) && !csrfMatches(ctx)) {
            deny(ctx, 403, "CSRF token missing or wrong: send the " + CSRF_HEADER + " header from sign-in");
            return;
        }
        ctx.put(USER_KEY, user.get());
        ctx.put(ModuleContext.ACTOR, user.get().username());
        if (user.get().role() == Role.DEPARTMENT) {
            // Department routes act for the signed-in handler's department, never for one named in the body.
            ctx.put(CaseStepRoutes.DEPARTMENT, user.get().department());
        }
        if (user.get().role() == Role.GRID_WORKER) {
            ctx.put(ModuleContext.GRID_WORKER, user.get().workerId());
        }
        ctx.next();
    }

    public static User user(RoutingContext ctx) {
        return ctx.get(USER_KEY);
    }

    static Optional<String> sessionUser(Session session) {
        return session == null ? Optional.empty() : Optional.ofNullable(session.get(SESSION_USER));
    }

    private static Optional<String> bearer(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        return header != null && header.startsWith("Bearer ") ? Optional.of(header.substring(7).trim())
                : Optional.empty();
    }

    private static boolean changesState(HttpMethod method) {
        return !(method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS);
    }

    private static boolean csrfMatches(RoutingContext ctx) {
        String expected = ctx.session() == null ? null : ctx.session().get(SESSION_CSRF);
        String sent = ctx.request().getHeader(CSRF_HEADER);
        return expected != null && sent != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                sent.getBytes(StandardCharsets.UTF_8));
    }

    static void deny(RoutingContext ctx, int status, String message) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(Jsons.write(Map.of("error", message)));
    }
}
