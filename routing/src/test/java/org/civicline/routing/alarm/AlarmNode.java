package org.civicline.routing.alarm;

import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import org.civicline.core.bus.Addresses;
import org.civicline.core.bus.SendNotice;
import org.civicline.core.json.Jsons;
import org.civicline.core.model.Agent;
import org.civicline.core.model.Channel;
import org.civicline.core.routing.SupervisorAlert;
import org.civicline.core.routing.RoutingAddresses;
import org.civicline.routing.RouterVerticle;
import org.civicline.routing.alarm.device.DeviceRegistry;
import org.civicline.routing.alarm.http.AlarmRoutes;
import org.civicline.routing.alarm.http.DeviceRoutes;
import org.civicline.routing.config.RoutingConfig;
import org.civicline.routing.grid.GridHarness;

/**
 * A node with the router, grid dispatch, the case service and the alarm desk on one manual clock, over real HTTP.
 * The SMS channel is played by a consumer of {@link Addresses#NOTICE_SEND} that keeps what it was asked to send.
 */
final class AlarmNode implements AutoCloseable {
    static final String GATEWAY = "gw-acme";
    static final String KEY = "acme-gateway-secret-0001";
    static final Agent ELDERLY_AGENT = new Agent("8003", "王芳", Map.of("elderly", 9), EnumSet.allOf(Channel.class),
            Map.of(Channel.Medium.VOICE, 1), "PJSIP/8003");
    static final Agent OTHER_AGENT = new Agent("8002", "李强", Map.of("lang:zh", 9), EnumSet.allOf(Channel.class),
            Map.of(Channel.Medium.VOICE, 1), "PJSIP/8002");

    final GridHarness node;
    private String desk;

    AlarmNode() {
        this(false);
    }

    AlarmNode(boolean redis) {
        node = new GridHarness(redis);
    }
    final LinkedBlockingQueue<SendNotice> sms = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<SupervisorAlert> alerts = new LinkedBlockingQueue<>();
    final AlarmConfig config = new AlarmConfig(Map.of(GATEWAY, KEY), 0, 0, 0, 0, null,
            0, 0, null);

    AlarmNode start() throws Exception {
        node.start(h -> {
            new AlarmRoutes(h.vertx, config, h.clock).mount(h.router);
            new DeviceRoutes(h.vertx, config).mount(h.router);
            h.vertx.eventBus().<SendNotice>consumer(Addresses.NOTICE_SEND, m -> {
                sms.add(m.body());
                // As the SMS channel does: its outbox entry; a number the vendor refuses comes back "failed".
                m.reply(Jsons.write(Map.of("id", "sms-" + sms.size(), "status",
                        m.body().to().endsWith("99") ? "failed" : "sent")));
            });
            h.vertx.eventBus().<SupervisorAlert>consumer(RoutingAddresses.SUPERVISOR_ALERT, m -> {
                if (m.body().kind().startsWith("ALARM")) {
                    alerts.add(m.body());
                }
            });
        });
        GridHarness.await(node.vertx.deployVerticle(new RouterVerticle(RoutingConfig.defaults(), node.clock,
                ZoneId.of("Asia/Shanghai"), node.stores.queue(), List.of(ELDERLY_AGENT, OTHER_AGENT))));
        deployDesk();
        return this;
    }

    /** Deploys the desk, or deploys a fresh one on the same store as a restart would. */
    void deployDesk() throws Exception {
        if (desk != null) {
            GridHarness.await(node.vertx.undeploy(desk));
        }
        desk = GridHarness.await(node.vertx.deployVerticle(new AlarmDesk(config, node.clock, node.stores.contacts(),
                new DeviceRegistry(node.stores.reference()), node.stores.reference(), List.of())));
    }

    @Override
    public void close() throws Exception {
        node.close();
    }
}
