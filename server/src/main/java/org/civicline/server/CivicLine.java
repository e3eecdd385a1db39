package org.civicline.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.List;
import org.civicline.core.module.CivicModule;
import org.civicline.core.module.ModuleContext;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.civicline.core.bus.Codecs;
import org.civicline.core.cases.CaseService;
import org.civicline.core.cases.CaseServiceVerticle;
import org.civicline.core.config.AppConfig;
import org.civicline.core.config.ConfigException;
import org.civicline.core.model.Category;
import org.civicline.core.reference.CategoryCatalog;
import org.civicline.core.reference.ReferenceData;
import org.civicline.core.store.Stores;
import org.civicline.core.store.memory.MemoryStores;
import org.civicline.core.store.redis.RedisStores;
import org.civicline.agentui.AgentUiModule;
import org.civicline.channels.ChannelsModule;
import org.civicline.routing.RoutingModule;
import org.civicline.routing.alarm.AlarmModule;
import org.civicline.routing.grid.GridModule;
import org.civicline.routing.followup.CasesModule;
import org.civicline.telephony.TelephonyModule;
import org.civicline.core.metrics.Metrics;
import org.civicline.server.http.CategoryRoutes;
import org.civicline.server.http.HealthRoutes;
import org.civicline.server.http.MetricsRoute;
import org.civicline.server.http.Readiness;
import org.civicline.telephony.TelephonyConfig;
import org.civicline.server.http.HttpServerVerticle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running CivicLine node: configuration read, stores open, every module's verticles deployed. */
public final class CivicLine {
    private static final Logger LOG = LoggerFactory.getLogger(CivicLine.class);

    private final Vertx vertx;
    private final Stores stores;
    private volatile int httpPort;
    private final NodeConfig node;
    private final Router router;

    private CivicLine(Vertx vertx, Stores stores, NodeConfig node, Router router) {
        this.vertx = vertx;
        this.stores = stores;
        this.node = node;
        this.router = router;
    }

    /**
     * Starts a node. Reference data is read before Vert.x starts (it is file I/O at boot, not on an event loop);
     * a configuration error fails here with every problem named.
     */
    public static Future<CivicLine> start(AppConfig config, Clock clock) {
        NodeConfig node = config.section("node", NodeConfig.class);
        HttpConfig httpConfig = config.section("http", HttpConfig.class);
        StoreConfig storeConfig = config.section("store", StoreConfig.class);
        ClusterConfig cluster = config.section("cluster", ClusterConfig.class);
        MetricsConfig metricsConfig = config.section("metrics", MetricsConfig.class);
        boolean pbxExpected = !"none".equals(config.section("telephony", TelephonyConfig.class).pbx());
        if (cluster.enabled() && !storeConfig.isRedis()) {
            throw new ConfigException("cluster.enabled: the nodes of a cluster share Redis; set store.type to redis");
        }
        ReferenceData reference = ReferenceData.load(config.directory());
        NodeMetrics metrics = NodeMetrics.of(metricsConfig, node.id());
        return ClusterStart.vertx(cluster, node.id(), metrics, node.eventLoopPool()).compose(vertx -> {
            if (metrics != null) {
                Metrics.install(vertx, metrics.registry());
            }
            Codecs.registerAll(vertx);
            // Connecting to Redis blocks: never on an event loop.
            return vertx.executeBlocking(() -> storeConfig.isRedis()
                            ? RedisStores.create(storeConfig.redis().uri(), storeConfig.keyPrefix(), vertx)
                            : MemoryStores.create())
                    .recover(e -> vertx.close().transform(ignored -> Future.failedFuture(e)))
                    .compose(stores -> startOn(vertx, stores, config, clock, node, httpConfig, storeConfig,
                            reference, new Operations(metrics, metricsConfig.token(), pbxExpected)));
        });
    }

    private static Future<CivicLine> startOn(Vertx vertx, Stores stores, AppConfig config, Clock clock,
                                             NodeConfig node, HttpConfig httpConfig, StoreConfig storeConfig,
                                             ReferenceData reference, Operations operations) {
        CaseService cases = new CaseService(stores.cases(), stores.citizens(), reference.categories()::category,
                reference.policy(), clock);
        Router router = Router.router(vertx);
        HttpServerVerticle.mountCoreRoutes(router, httpConfig, stores, vertx);
        new HealthRoutes(new Readiness(vertx, stores, operations.pbxExpected()), node.id()).mount(router);
        if (operations.metrics() != null) {
            new MetricsRoute(operations.metrics().registry(), operations.metricsToken()).mount(router);
        }
        new CategoryRoutes(reference.categories()).mount(router);
        CivicLine app = new CivicLine(vertx, stores, node, router);
        ModuleContext context = new ModuleContext(vertx, config, stores, reference, clock, node.id());

        Map<String, Category> categories = reference.categories().entries().stream().map(CategoryCatalog.Entry::category)
                .collect(Collectors.toMap(Category::code, Function.identity()));
        return stores.reference().replaceAll("category", categories)
                .compose(v -> vertx.deployVerticle(new CaseServiceVerticle(cases)))
                .compose(id -> startModules(context, router))
                .compose(v -> HttpServerVerticle.deploy(vertx, httpConfig, router))
                .map(port -> {
                    app.httpPort = port;
                    LOG.info("node {} started: store={}, {} categories, HTTP port {}, {} transport{}", node.id(),
                            storeConfig.type(), categories.size(), port,
                            vertx.isNativeTransportEnabled() ? "native" : "NIO",
                            vertx.isClustered() ? ", clustered" : "");
                    return app;
                })
                .recover(e -> {
                    // Fail at once and close behind: once Vert.x is closed, nothing it owns can complete a future.
                    LOG.error("node {} failed to start; closing it", node.id(), e);
                    app.stop();
                    return Future.failedFuture(e);
                });
    }

    /** What the node serves to operators: metrics (null when off) and what /ready checks. */
    private record Operations(NodeMetrics metrics, String metricsToken, boolean pbxExpected) {
    }

    /** Every module, in an order where each one's bus consumers exist before the next one needs them. */
    static List<CivicModule> modules() {
        return List.of(
                new RoutingModule(),
                new GridModule(),
                new AlarmModule(),
                new TelephonyModule(),
                new ChannelsModule(),
                new CasesModule(),
                new AgentUiModule());
    }

    private static Future<Void> startModules(ModuleContext context, Router router) {
        Future<Void> chain = Future.succeededFuture();
        for (CivicModule module : modules()) {
            chain = chain.compose(v -> module.start(context, router)
                    .onSuccess(ok -> LOG.info("module {} started", module.name())));
        }
        return chain;
    }

    /** Every route the node serves, e.g. for a test that walks them all. */
    public List<io.vertx.ext.web.Route> routes() {
        return router.getRoutes();
    }

    public Stores stores() {
        return stores;
    }

    public int httpPort() {
        return httpPort;
    }

    public String nodeId() {
        return node.id();
    }

    public Vertx vertx() {
        return vertx;
    }

    /** Stops serving, lets in-flight requests finish, closes the store. */
    public Future<Void> stop() {
        return vertx.close().andThen(done -> {
            try {
                stores.close();
            } catch (Exception e) {
                LOG.warn("closing the store failed", e);
            }
        });
    }
}
