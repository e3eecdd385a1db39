package org.civicline.agentui.auth;

import org.civicline.core.http.ClientAddresses;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.civicline.core.json.Jsons;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code POST /api/auth/login}, {@code POST /api/auth/logout}, {@code GET /api/auth/me}. */
public final class SignInRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(SignInRoutes.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** {@code token: true} asks for a bearer token (the phone page) besides the cookie session. */
    public record Credentials(String username, String password, Boolean token) {
    }

    private final Vertx vertx;
    private final UserDirectory users;
    private final SignInLimiter limiter;
    private final BearerTokens tokens;
    private final ClientAddresses clients;

    public SignInRoutes(Vertx vertx, UserDirectory users, SignInLimiter limiter, BearerTokens tokens,
                        ClientAddresses clients) {
        this.vertx = vertx;
        this.users = users;
        this.limiter = limiter;
        this.tokens = tokens;
        this.clients = clients;
    }

    public void mount(Router router) {
        router.post("/api/auth/login").handler(this::login);
        router.post("/api/auth/logout").handler(this::logout);
        router.get("/api/auth/me").handler(this::me);
    }

    private void login(RoutingContext ctx) {
        Credentials credentials;
        try {
            credentials = Jsons.read(ctx.body().asString(), Credentials.class);
        } catch (RuntimeException e) {
            AccessGuard.deny(ctx, 400, "send {\"username\": …, \"password\": …} as JSON");
            return;
        }
        if (credentials == null || credentials.username() == null || credentials.password() == null
                || credentials.username().length() > 64 || credentials.password().length() > 256) {
            AccessGuard.deny(ctx, 400, "username and password are required");
            return;
        }
        String address = clients.of(ctx.request());
        Duration wait = limiter.retryAfter(credentials.username(), address);
        if (!wait.isZero()) {
            LOG.warn("sign-in refused for '{}' from {}: too many failures", credentials.username(), address);
            ctx.response().putHeader("Retry-After", String.valueOf(Math.max(1, wait.toSeconds())));
            AccessGuard.deny(ctx, 429, "登录失败次数过多，请稍后再试 too many failed sign-ins, try again in "
                    + Math.max(1, wait.toSeconds()) + " s");
            return;
        }
        Optional<User> user = users.find(credentials.username());
        // The hash is slow on purpose: it runs on a worker thread, never on the event loop.
        vertx.executeBlocking(() -> user.isPresent()
                        && PasswordHasher.matches(credentials.password().toCharArray(), user.get().passwordHash()))
                .onSuccess(ok -> {
                    if (!ok) {
                        limiter.failed(credentials.username(), address);
                        LOG.warn("failed sign-in for '{}' from {}", credentials.username(), address);
                        AccessGuard.deny(ctx, 401, "用户名或密码错误 wrong username or password");
                        return;
                    }
                    limiter.succeeded(credentials.username(), address);
                    ctx.session().regenerateId();
                    String csrf = randomToken();
                    ctx.session().put(AccessGuard.SESSION_USER, user.get().username());
                    ctx.session().put(AccessGuard.SESSION_CSRF, csrf);
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("user", user.get().view());
                    body.put("csrfToken", csrf);
                    LOG.info("{} '{}' signed in", user.get().role(), user.get().username());
                    if (!Boolean.TRUE.equals(credentials.token())) {
                        json(ctx, body);
                        return;
                    }
                    tokens.issue(user.get().username()).onSuccess(token -> {
                        body.put("token", token);
                        json(ctx, body);
                    }).onFailure(e -> {
                        LOG.warn("no phone token for '{}': {}", user.get().username(), e.getMessage());
                        AccessGuard.deny(ctx, 503, "登录暂时无法完成，请稍后重试 sign-in could not be completed; "
                                + "try again shortly");
                    });
                })
                .onFailure(ctx::fail);
    }

    private void logout(RoutingContext ctx) {
        if (ctx.session() != null) {
            ctx.session().destroy();
        }
        String header = ctx.request().getHeader("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            json(ctx, Map.of("signedOut", true));
            return;
        }
        // Answered once the token is gone from every node's view, so a phone that signs out is out everywhere.
        tokens.revoke(header.substring(7).trim()).onSuccess(v -> json(ctx, Map.of("signedOut", true)))
                .onFailure(e -> AccessGuard.deny(ctx, 503, "退出暂时无法完成，请重试 sign-out could not be completed; "
                        + "try again"));
    }

    private void me(RoutingContext ctx) {
        User user = AccessGuard.user(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user", user.view());
        if (ctx.session() != null && ctx.session().get(AccessGuard.SESSION_CSRF) != null) {
            body.put("csrfToken", ctx.session().get(AccessGuard.SESSION_CSRF));
        }
        json(ctx, body);
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static void json(RoutingContext ctx, Object body) {
        ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(Jsons.write(body));
    }
}
