package org.civicline.routing.followup;

import static java.util.concurrent.TimeUnit.SECONDS;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.civicline.core.bus.Addresses;
import org.civicline.core.bus.Codecs;
import org.civicline.core.bus.CreateCaseRequest;
import org.civicline.core.bus.SendNotice;
import org.civicline.core.cases.CaseService;
import org.civicline.core.cases.CaseServiceVerticle;
import org.civicline.core.cases.http.CaseStepRoutes;
import org.civicline.core.config.AppConfig;
import org.civicline.core.json.Jsons;
import org.civicline.core.module.ModuleContext;
import org.civicline.core.reference.ReferenceData;
import org.civicline.core.routing.CallbackRequest;
import org.civicline.core.routing.RoutingAddresses;
import org.civicline.core.store.Stores;
import org.civicline.core.time.ManualClock;
import org.civicline.core.workflow.Case;
import org.civicline.routing.timers.DueTimerVerticle;

/**
 * One CivicLine node as case handling needs it: the case service, the cases module on a real HTTP server, and
 * stand-ins for the outbound channels and the router's callbacks that record what they were asked.
 */
final class CasesNode implements AutoCloseable {
    /** Each node its own name: nodes sharing one take each other's singletons over. */
    private static final AtomicInteger NODES = new AtomicInteger();
    static final Path CONFIG = Path.of("..", "config");
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final String SIGNED_IN_DEPARTMENT = "X-Test-Department";

    final Vertx vertx = Vertx.vertx();
    final Stores stores;
    final ManualClock clock;
    final CasesModule module = new CasesModule();
    final LinkedBlockingQueue<SendNotice> notices = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<CallbackRequest> callbacks = new LinkedBlockingQueue<>();
    final Http http;
    private final HttpServer server;

    CasesNode(Stores stores, ManualClock clock, ReferenceData reference) throws Exception {
        this(v -> stores, clock, reference);
    }

    /** @param stores opens the node's stores on its own Vert.x */
    CasesNode(java.util.function.Function<Vertx, Stores> stores, ManualClock clock, ReferenceData reference)
            throws Exception {
        this(stores, clock, reference, tree -> { });
    }

    /** {@code settings} changes the configuration tree (e.g. the cases section) before the module starts. */
    CasesNode(java.util.function.Function<Vertx, Stores> stores, ManualClock clock, ReferenceData reference,
              java.util.function.Consumer<ObjectNode> settings) throws Exception {
        this.stores = stores.apply(vertx);
        this.clock = clock;
        Codecs.registerAll(vertx);
        vertx.eventBus().<SendNotice>consumer(Addresses.NOTICE_SEND, m -> {
            notices.add(m.body());
            m.reply("queued");
        });
        vertx.eventBus().<CallbackRequest>consumer(RoutingAddresses.REQUEST_CALLBACK, m -> {
            callbacks.add(m.body());
            m.reply(null);
        });
        ObjectNode tree = Jsons.mapper().createObjectNode();
        tree.putObject("http").put("publicUrl", "https://12345.example.gov.cn");
        tree.putObject("cases").put("reminderShare", 0.8).putObject("followUp").put("delayMinutes", 30);
        settings.accept(tree);
        AppConfig config = AppConfig.of(CONFIG, tree);
        await(vertx.deployVerticle(new CaseServiceVerticle(new CaseService(this.stores.cases(), this.stores.citizens(),
                reference.categories()::category, reference.policy(), clock))));
        Router router = Router.router(vertx);
        router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(1 << 20));
        // Stands in for sign-in, which puts a department user's department on the request.
        router.route("/api/*").handler(ctx -> {
            String department = ctx.request().getHeader(SIGNED_IN_DEPARTMENT);
            if (department != null) {
                ctx.put(CaseStepRoutes.DEPARTMENT, java.net.URLDecoder.decode(department,
                        java.nio.charset.StandardCharsets.UTF_8));
            }
            ctx.next();
        });
        await(module.start(new ModuleContext(vertx, config, this.stores, reference, clock,
                "cases-node-" + NODES.incrementAndGet()), router));
        server = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        http = new Http(server.actualPort());
    }

    Case create(String categoryCode, String phone, String description) throws Exception {
        return create(new CreateCaseRequest("agent-7", org.civicline.core.model.Channel.HOTLINE_12345, categoryCode,
                null, null, phone, "王女士", null, description, "西湖区文三路 10 号", null, null, null));
    }

    Case create(CreateCaseRequest request) throws Exception {
        return await(vertx.eventBus().<Case>request(Addresses.CASE_CREATE, request)).body();
    }

    Case get(String number) throws Exception {
        return await(module.handling().changes.get(number));
    }

    /**
     * Runs the timers due at the manual clock's time, after any run already going; the number fired. The timers are a
     * cluster singleton: this waits (10 s at most) for this node to run them, as after the node running them left.
     */
    int runDueTimers() throws Exception {
        long deadline = System.nanoTime() + SECONDS.toNanos(10);
        while (true) {
            Integer fired = runDueTimersIfRunning();
            if (fired != null) {
                return fired;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("this node did not take the due timers over within 10 s");
            }
            Thread.sleep(50); // bounded poll for the take-over
        }
    }

    /** {@link #runDueTimers()} if this node runs the due timers now, else null. */
    Integer runDueTimersIfRunning() throws Exception {
        try {
            return await(vertx.eventBus().<Integer>request(DueTimerVerticle.RUN_DUE, "",
                    new DeliveryOptions().setSendTimeout(10_000))).body();
        } catch (io.vertx.core.eventbus.ReplyException e) {
            if (e.failureType() == io.vertx.core.eventbus.ReplyFailure.NO_HANDLERS) {
                return null;
            }
            throw e;
        }
    }

    static <T> T await(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @Override
    public void close() throws Exception {
        await(vertx.close());
        stores.close();
    }
}
