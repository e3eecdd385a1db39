package org.civicline.channels;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.civicline.core.bus.Codecs;
import org.civicline.core.cases.CaseService;
import org.civicline.core.cases.CaseServiceVerticle;
import org.civicline.core.config.AppConfig;
import org.civicline.core.model.Contact;
import org.civicline.core.module.ModuleContext;
import org.civicline.core.reference.ReferenceData;
import org.civicline.core.routing.ContactQueued;
import org.civicline.core.routing.EnqueueContact;
import org.civicline.core.routing.RoutingAddresses;
import org.civicline.core.store.Stores;
import org.civicline.core.store.memory.MemoryStores;
import org.civicline.core.time.ManualClock;
import org.civicline.core.workflow.Case;

/**
 * A node with only the channels module: memory stores, the real case service, and a stand-in for the router at the
 * bus boundary that records what was queued. Served over real HTTP on a free loopback port.
 */
public final class Harness implements AutoCloseable {
    public static final Path CONFIG = Path.of(System.getProperty("civicline.config.dir", "../config"));
    /** A Monday morning in Beijing, inside working hours. */
    public static final Instant START = Instant.parse("2026-11-23T01:30:00Z");

    public final Vertx vertx = Vertx.vertx();
    public final ManualClock clock = new ManualClock(START, ZoneId.of("Asia/Shanghai"));
    public final Stores stores;
    public final List<EnqueueContact> queued = new CopyOnWriteArrayList<>();
    public final HttpClient http = HttpClient.newHttpClient();
    private final HttpServer server;
    private final CaseService caseService;
    private String caseServiceDeployment;

    public Harness(String yaml) {
        this(parse(yaml));
    }

    public static AppConfig parse(String yaml) {
        try {
            return AppConfig.of(CONFIG, (ObjectNode) new YAMLMapper().readTree(yaml));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public Harness(AppConfig config) {
        this(config, v -> MemoryStores.create());
    }

    /** A node on the stores {@code storesOf} opens, e.g. a Redis shared with another node. */
    public Harness(AppConfig config, java.util.function.Function<Vertx, Stores> storesOf) {
        stores = storesOf.apply(vertx);
        try {
            ReferenceData reference = ReferenceData.load(CONFIG);
            Codecs.registerAll(vertx);
            caseService = new CaseService(stores.cases(), stores.citizens(), reference.categories()::category,
                    reference.policy(), clock);
            startCaseService();
            vertx.eventBus().<EnqueueContact>consumer(RoutingAddresses.ENQUEUE, m -> {
                queued.add(m.body());
                m.reply(new ContactQueued(m.body().contact().id(), false, queued.size()));
            });
            Router router = Router.router(vertx);
            await(new ChannelsModule().start(new ModuleContext(vertx, config, stores, reference, clock, "test-node"),
                    router));
            router.route().last().handler(ctx -> ctx.response().setStatusCode(404).end("no such page"));
            server = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("harness did not start", e);
        }
    }

    /** Takes the case service off the bus, as when its node is down. */
    public void stopCaseService() {
        await(vertx.undeploy(caseServiceDeployment));
    }

    public void startCaseService() {
        caseServiceDeployment = await(vertx.deployVerticle(new CaseServiceVerticle(caseService)));
    }

    public static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET().build());
    }

    public HttpResponse<String> post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    public HttpResponse<String> postBytes(String path, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    public HttpResponse<String> postForm(String path, Map<String, String> form, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(form)));
        headers.forEach(request::header);
        return send(request.build());
    }

    public static String formBody(Map<String, String> form) {
        return form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    public static String enc(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<Contact> contact(String id) {
        return await(stores.contacts().get(id));
    }

    public Optional<Case> caseOf(String number) {
        return await(stores.cases().get(number));
    }

    public List<String> caseNumbers() {
        return await(stores.cases().recentNumbers(1000));
    }

    @Override
    public void close() {
        await(vertx.close());
        try {
            stores.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
