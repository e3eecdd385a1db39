package org.civicline.telephony;

import org.civicline.core.telephony.TelephonyStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.action.OriginateAction;
import org.civicline.core.bus.Codecs;
import org.civicline.core.config.AppConfig;
import org.civicline.core.config.ConfigException;
import org.civicline.core.model.Channel;
import org.civicline.core.model.Contact;
import org.civicline.core.module.ModuleContext;
import org.civicline.core.routing.ContactQueued;
import org.civicline.core.routing.EnqueueContact;
import org.civicline.core.routing.RoutingAddresses;
import org.civicline.core.store.memory.MemoryStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The module as a node starts it, from the shipped configuration: the embedded sandbox PBX and the adapter. */
class TelephonyModuleTest {
    static final Path CONFIG = Path.of(System.getProperty("civicline.config.dir", "../config"));
    Vertx vertx = Vertx.vertx();

    @AfterEach
    void stop() throws Exception {
        await(vertx.close());
    }

    @Test
    void theEmbeddedDefaultRunsTheSandboxAndItsCallsReachTheQueue() throws Exception {
        int amiPort = freePort();
        AppConfig config = AppConfig.load(CONFIG, Map.of("CIVICLINE_TELEPHONY_SANDBOX_PORT", Integer.toString(amiPort),
                "CIVICLINE_TELEPHONY_SANDBOX_DEMO_CALL_EVERY_SECONDS", "0"));
        Codecs.registerAll(vertx);
        BlockingQueue<EnqueueContact> enqueued = new LinkedBlockingQueue<>();
        vertx.eventBus().<EnqueueContact>consumer(RoutingAddresses.ENQUEUE, m -> {
            enqueued.add(m.body());
            m.reply(new ContactQueued(m.body().contact().id(), false, 1));
        });
        Router router = Router.router(vertx);
        await(new TelephonyModule().start(new ModuleContext(vertx, config, MemoryStores.create(), null,
                Clock.systemUTC(), "node-test"), router));
        int httpPort = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")).actualPort();

        // A trainer's AMI tool logs in to the sandbox with the configured account and places a call into 8890.
        ManagerConnection trainer = new ManagerConnectionFactory("127.0.0.1", amiPort, "civicline", "change-me")
                .createManagerConnection();
        trainer.login();
        try {
            OriginateAction call = new OriginateAction();
            call.setChannel("PJSIP/resident");
            call.setContext("from-pstn");
            call.setExten("8890");
            call.setPriority(1);
            call.setCallerId("13800138000");
            call.setAsync(true);
            assertThat(trainer.sendAction(call, 5000).getResponse()).isEqualTo("Success");
        } finally {
            trainer.logoff();
        }
        EnqueueContact asked = enqueued.poll(10, TimeUnit.SECONDS);
        assertThat(asked).isNotNull();
        Contact contact = asked.contact();
        assertThat(contact.channel()).isEqualTo(Channel.HOTLINE_8890);
        assertThat(contact.sender()).isEqualTo("13800138000");

        // Connected means logged in AND the live calls re-read after login; that re-read may still be running
        // when the first call is queued, so the status is asked until it says so, within a bound.
        HttpResponse<String> status = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        do {
            if (status != null) {
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
            status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/api/telephony/status")).build(),
                    HttpResponse.BodyHandlers.ofString());
        } while (status.statusCode() != 200 && System.nanoTime() < deadline);
        assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
        TelephonyStatus seen = org.civicline.core.json.Jsons.read(status.body(), TelephonyStatus.class);
        assertThat(seen.connected()).isTrue();
        assertThat(seen.pbx()).isEqualTo("sandbox");
        assertThat(seen.node()).isEqualTo("node-test");
        assertThat(seen.liveCalls()).isEqualTo(1);
        assertThat(seen.amiEventsReceived()).isPositive();

        HttpResponse<String> none = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/api/telephony/calls/" + contact.id())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(none.statusCode()).isEqualTo(404);
    }

    @Test
    void aWrongValueStopsTheStartNamingTheKey() {
        AppConfig config = AppConfig.load(CONFIG, Map.of("CIVICLINE_TELEPHONY_PBX", "freeswitch"));
        assertThatThrownBy(() -> config.section("telephony", TelephonyConfig.class))
                .isInstanceOf(ConfigException.class).hasMessageContaining("telephony.pbx");
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
