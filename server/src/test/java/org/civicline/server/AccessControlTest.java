package org.civicline.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.civicline.agentui.auth.AccessPolicy;
import org.civicline.agentui.auth.Role;
import org.civicline.core.config.AppConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Walks every API route the node serves: nobody signed in → 401, the wrong role → 403, no CSRF token → 403. */
class AccessControlTest {
    private static final Map<Role, String> USER_OF = Map.of(Role.AGENT, "8001", Role.SUPERVISOR, "zhiban",
            Role.GRID_WORKER, "wangge01", Role.DEPARTMENT, "zhujian", Role.ADMIN, "admin");

    static CivicLine node;

    @BeforeAll
    static void start() throws Exception {
        AppConfig config = AppConfig.load(CaseApiTest.CONFIG, Map.of("CIVICLINE_HTTP_PORT", "0",
                "CIVICLINE_HTTP_HOST", "127.0.0.1", "CIVICLINE_STORE_TYPE", "memory"));
        node = CivicLine.start(config, Clock.systemUTC()).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    record Endpoint(HttpMethod method, String path) {
    }

    static List<Endpoint> apiEndpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Route route : node.routes()) {
            String path = route.getPath();
            if (path == null || !path.startsWith("/api/") || path.endsWith("*")) {
                continue;
            }
            String concrete = path.replaceAll(":[A-Za-z]+", "x1");
            if (route.methods() == null || route.methods().isEmpty()) {
                continue;
            }
            route.methods().forEach(m -> endpoints.add(new Endpoint(m, concrete)));
        }
        return endpoints;
    }

    @Test
    void everyApiRouteIsClosedToStrangersAndToTheWrongRoles() {
        List<Endpoint> endpoints = apiEndpoints();
        assertThat(endpoints).as("the walk must see the routes").hasSizeGreaterThan(10);
        Http stranger = new Http(node.httpPort());
        Map<Role, Http> signedIn = new java.util.EnumMap<>(Role.class);
        USER_OF.forEach((role, user) -> signedIn.put(role, Http.signedIn(node.httpPort(), user)));
        List<String> wrong = new ArrayList<>();
        for (Endpoint e : endpoints) {
            AccessPolicy.Rule rule = AccessPolicy.ruleFor(e.path());
            if (rule.roles().isEmpty()) {
                continue;
            }
            int anonymous = call(stranger, e);
            if (anonymous != 401) {
                wrong.add(e + " without sign-in answered " + anonymous);
            }
            for (Role role : Role.values()) {
                if (!rule.roles().contains(role)) {
                    int status = call(signedIn.get(role), e);
                    if (status != 403) {
                        wrong.add(e + " as " + role + " answered " + status);
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aStateChangingRequestWithoutTheCsrfTokenIsRefused() {
        Http agent = Http.signedIn(node.httpPort(), "8001");
        Http forged = agent.withoutCsrf();
        Http.Answer answer = forged.postJson("/api/desk/presence", "{\"presence\": \"AVAILABLE\"}");
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).contains("CSRF");
        assertThat(agent.postJson("/api/desk/presence", "{\"presence\": \"AVAILABLE\"}").status()).isEqualTo(200);
    }

    @Test
    void aDepartmentHandlerSeesOnlyTheirOwnDepartment() {
        Http handler = Http.signedIn(node.httpPort(), "zhujian");
        assertThat(handler.get("/api/departments/" + java.net.URLEncoder.encode("市住建局",
                java.nio.charset.StandardCharsets.UTF_8) + "/cases").status()).isEqualTo(200);
        Http.Answer other = handler.get("/api/departments/" + java.net.URLEncoder.encode("城管局",
                java.nio.charset.StandardCharsets.UTF_8) + "/cases");
        assertThat(other.status()).isBetween(403, 409);
        assertThat(other.body()).contains("市住建局");
    }

    @Test
    void aGridWorkerReportsOnlyForThemselves() {
        Http worker = Http.signedIn(node.httpPort(), "wangge01");
        assertThat(worker.put("/api/grid/workers/gw-0003/presence", "{\"onDuty\": true}").status()).isEqualTo(200);
        assertThat(worker.put("/api/grid/workers/gw-0004/presence", "{\"onDuty\": false}").status()).isEqualTo(403);
    }

    @Test
    void anAgentCannotControlOrAnswerForAContactTheyDoNotHold() {
        Http agent = Http.signedIn(node.httpPort(), "8001");
        assertThat(agent.postJson("/api/desk/calls/c-someone-else/control", "{\"operation\": \"HANG_UP\"}").status())
                .isEqualTo(409);
        assertThat(agent.postJson("/api/desk/contacts/c-someone-else/reply", "{\"text\": \"您好\"}").status())
                .isEqualTo(409);
        assertThat(agent.postJson("/api/desk/calls/c-1/control", "{\"operation\": \"EXPLODE\"}").status())
                .isEqualTo(400);
    }

    @Test
    void wrongPasswordsAreRefusedAndRepeatedFailuresArePaused() {
        Http client = new Http(node.httpPort());
        for (int i = 0; i < 5; i++) {
            assertThat(client.postJson("/api/auth/login", "{\"username\": \"8002\", \"password\": \"guess" + i + "\"}")
                    .status()).isEqualTo(401);
        }
        Http.Answer paused = client.postJson("/api/auth/login",
                "{\"username\": \"8002\", \"password\": \"" + Http.DEMO_PASSWORD + "\"}");
        assertThat(paused.status()).isEqualTo(429);
        assertThat(paused.raw().headers().firstValue("Retry-After")).isPresent();
    }

    private static int call(Http http, Endpoint e) {
        return e.method() == HttpMethod.GET ? http.get(e.path()).status() : http.postJson(e.path(), "{}").status();
    }
}
