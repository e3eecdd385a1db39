package org.civicline.routing.grid;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
import org.civicline.core.bus.Addresses;
import org.civicline.core.bus.Codecs;
import org.civicline.core.bus.CreateCaseRequest;
import org.civicline.core.bus.GetCaseRequest;
import org.civicline.core.cases.CaseService;
import org.civicline.core.cases.CaseServiceVerticle;
import org.civicline.core.reference.ReferenceData;
import org.civicline.core.store.Stores;
import org.civicline.core.store.memory.MemoryStores;
import org.civicline.core.store.redis.RedisStores;
import org.civicline.core.testing.RedisTestServer;
import org.civicline.core.time.ManualClock;
import org.civicline.core.workflow.Case;
import org.civicline.routing.grid.http.GridRoutes;

/**
 * A node with the case service, grid dispatch and the grid API over real HTTP, on a clock that moves only when the
 * test says so.
 */
public final class GridHarness implements AutoCloseable {
    public final Vertx vertx = Vertx.vertx();
    public final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    public final Stores stores;
    public final Router router = Router.router(vertx);
    private final HttpClient http = HttpClient.newHttpClient();
    private HttpServer server;
    private String gridDeployment;

    public GridHarness() {
        this(false);
    }

    /** @param redis keep everything in the test Redis instead of memory */
    public GridHarness(boolean redis) {
        Codecs.registerAll(vertx);
        stores = redis ? RedisStores.create(RedisTestServer.uri(), "grid-" + java.util.UUID.randomUUID() + ":", vertx)
                : MemoryStores.create();
    }

    /** Stops grid dispatch and starts a fresh one on the same store, as a restart or another node would. */
    public void restartGridDispatch() throws Exception {
        await(vertx.undeploy(gridDeployment));
        gridDeployment = await(vertx.deployVerticle(new GridDispatchVerticle(DemoDistrict.data(),
                GridConfig.defaults(), clock, stores.reference())));
    }

    /** Deploys the case service and grid dispatch; {@code extra} mounts more routes before the server listens. */
    public GridHarness start(java.util.function.Consumer<GridHarness> extra) throws Exception {
        ReferenceData reference = ReferenceData.load(DemoDistrict.CONFIG);
        CaseService cases = new CaseService(stores.cases(), stores.citizens(), reference.categories()::category,
                reference.policy(), clock);
        router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(1 << 20));
        await(vertx.deployVerticle(new CaseServiceVerticle(cases)));
        GridConfig config = GridConfig.defaults();
        new GridRoutes(vertx, DemoDistrict.data(), config.maxBodyBytes()).mount(router);
        gridDeployment = await(vertx.deployVerticle(new GridDispatchVerticle(DemoDistrict.data(), config, clock,
                stores.reference())));
        extra.accept(this);
        server = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        return this;
    }

    public Case createCase(String description, org.civicline.core.model.GeoPoint location, String address)
            throws Exception {
        return await(vertx.eventBus().<Case>request(Addresses.CASE_CREATE, new CreateCaseRequest("8001",
                org.civicline.core.model.Channel.HOTLINE_12345, "0102", null, null, "13800000001", "刘女士",
                null, description, address, location, null, null))).body();
    }

    public Case caseOf(String number) throws Exception {
        return await(vertx.eventBus().<Case>request(Addresses.CASE_GET, new GetCaseRequest(number))).body();
    }

    /** Moves the clock and lets the dispatcher run what is now due. */
    public void advance(Duration by) throws Exception {
        clock.advance(by);
        await(vertx.eventBus().request(GridRequests.TICK, ""));
    }

    public HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> send(String method, String path, String json, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.actualPort() + path);
    }

    public static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        await(vertx.close());
        stores.close();
    }
}
