package org.civicline.routing.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.civicline.core.bus.GridTaskChanged;
import org.civicline.core.bus.OneTouchCallLookup;
import org.civicline.core.bus.SendNotice;
import org.civicline.core.json.Jsons;
import org.civicline.core.model.Channel;
import org.civicline.core.model.Contact;
import org.civicline.core.model.GeoPoint;
import org.civicline.core.model.Priority;
import org.civicline.core.routing.AgentPresenceChange;
import org.civicline.core.routing.EnqueueContact;
import org.civicline.core.routing.OfferAnswer;
import org.civicline.core.routing.OfferMade;
import org.civicline.core.routing.Presence;
import org.civicline.core.routing.RoutingAddresses;
import org.civicline.core.routing.RoutingNeeds;
import org.civicline.core.routing.SupervisorAlert;
import org.civicline.routing.grid.DemoDistrict;
import org.civicline.routing.grid.GridHarness;
import org.civicline.routing.grid.map.GridShape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One-touch alarms end to end: gateway HTTP → the one queue, the nearest grid worker, the family's SMS, escalation. */
class OneTouchAlarmTest {
    private final GridShape home = DemoDistrict.data().map().grid("330106003002007").orElseThrow();
    private final String worker = home.grid().workerIds().get(0);
    private AlarmNode alarms;
    private GridHarness node;
    private final LinkedBlockingQueue<Object> desk = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<GridTaskChanged> field = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        alarms = new AlarmNode().start();
        node = alarms.node;
        node.vertx.eventBus().consumer(RoutingAddresses.agentAddress("8003"), m -> desk.add(m.body()));
        node.vertx.eventBus().<GridTaskChanged>consumer(GridTaskChanged.ADDRESS, m -> field.add(m.body()));
        var created = node.send("POST", "/api/devices", device("dev-0001", "13905710001"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        node.send("PUT", "/api/grid/workers/" + worker + "/location", "{\"longitude\":"
                + (home.center().longitude() + 0.001) + ",\"latitude\":" + home.center().latitude() + "}");
        node.send("PUT", "/api/grid/workers/" + worker + "/presence", "{\"onDuty\":true}");
    }

    @AfterEach
    void stop() throws Exception {
        alarms.close();
    }

    @Test
    void anSosFromAGatewayIsOfferedToAnElderlyAgentAWorkerIsSentAndTheFamilyIsTold() throws Exception {
        ready("8003");
        var response = alarm("{\"deviceId\":\"dev-0001\",\"type\":\"SOS\",\"eventId\":\"e-1\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String alarmId = (String) Jsons.read(response.body(), Map.class).get("alarmId");

        // The offer is made as the contact is queued: within the one routing step of the enqueue.
        OfferMade offer = next(desk, OfferMade.class);
        assertThat(offer.channel()).isEqualTo(Channel.ONE_TOUCH);
        assertThat(offer.priority()).isEqualTo(Priority.EMERGENCY);
        assertThat(offer.sender()).isEqualTo("13905710001");
        Contact contact = GridHarness.await(node.stores.contacts().get(offer.contactId())).orElseThrow();
        assertThat(contact.text()).contains("赵秀英").contains("高血压").contains("幸福路8号");

        GridTaskChanged dispatched = nextStage("OFFERED");
        assertThat(dispatched.workerId()).isEqualTo(worker);
        List<SendNotice> family = List.of(poll(alarms.sms), poll(alarms.sms));
        assertThat(family).extracting(SendNotice::to).containsExactlyInAnyOrder("13800000011", "13800000012");
        assertThat(family).allSatisfy(s -> {
            assertThat(s.channel()).isEqualTo(Channel.SMS);
            assertThat(s.text()).contains("赵秀英").contains("紧急呼救");
        });

        node.clock.advance(Duration.ofSeconds(8)); // within the elderly queue's 10 s offer time
        GridHarness.await(node.vertx.eventBus().request(RoutingAddresses.ANSWER_OFFER,
                new OfferAnswer(offer.offerId(), "8003", true, null)));
        var again = alarm("{\"deviceId\":\"dev-0001\",\"type\":\"FALL\"}");
        assertThat(again.body()).contains("\"alarmId\":\"" + alarmId + "\"").contains("\"joined\":true");

        String timeline = eventually(alarmId, "ANSWERED", "FAMILY_NOTIFIED");
        assertThat(timeline).contains("\"what\":\"RECEIVED\"").contains("\"what\":\"QUEUED\"")
                .contains("\"what\":\"CASE_OPENED\"").contains("\"what\":\"WORKER_DISPATCH\"")
                .contains("\"what\":\"WORKER_OFFERED\"").contains("\"what\":\"OFFERED\"")
                .contains("\"what\":\"REPEATED\"").contains("\"answeredAfterSeconds\":8")
                .contains("(sent)").doesNotContain("13800000011"); // family phones are masked on the timeline
    }

    @Test
    void anAlarmNobodyAnswersIsEscalatedToTheSupervisorsAfter30Seconds() throws Exception {
        var response = alarm("{\"deviceId\":\"dev-0001\",\"type\":\"FALL\",\"longitude\":"
                + home.center().longitude() + ",\"latitude\":" + home.center().latitude() + "}");
        String alarmId = (String) Jsons.read(response.body(), Map.class).get("alarmId");
        advance(Duration.ofSeconds(29));
        assertThat(alarms.alerts.poll()).isNull();
        advance(Duration.ofSeconds(1));
        SupervisorAlert alert = poll(alarms.alerts);
        assertThat(alert.kind()).isEqualTo("ALARM_UNANSWERED");
        assertThat(alert.message()).contains("30 秒");
        assertThat(alert.contactId()).isNotNull();

        // By now any agent may take it, not only the elderly line's: one coming ready gets it at once.
        LinkedBlockingQueue<Object> otherDesk = new LinkedBlockingQueue<>();
        node.vertx.eventBus().consumer(RoutingAddresses.agentAddress("8002"), m -> otherDesk.add(m.body()));
        ready("8002");
        OfferMade offer = next(otherDesk, OfferMade.class);
        assertThat(offer.contactId()).isEqualTo(alert.contactId());
        assertThat(eventually(alarmId, "ESCALATED")).contains("\"escalations\":1");
    }

    @Test
    void lowBatteryIsACareTaskForTheResidentsOwnGridWorkerNotAnAlarm() throws Exception {
        var response = alarm("{\"deviceId\":\"dev-0001\",\"type\":\"LOW_BATTERY\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        String alarmId = (String) Jsons.read(response.body(), Map.class).get("alarmId");
        GridTaskChanged offered = nextStage("OFFERED");
        assertThat(offered.workerId()).isEqualTo(worker);
        String timeline = eventually(alarmId, "WORKER_DISPATCH");
        assertThat(timeline).doesNotContain("QUEUED").doesNotContain("FAMILY");
        assertThat(alarms.sms).isEmpty();
        assertThat(node.caseOf(offered.caseNumber()).details().priority()).isEqualTo(Priority.LOW);
    }

    @Test
    void aCallFromADevicesNumberIsAnAlarmAndItsOfferIsLinkedToIt() throws Exception {
        Boolean device = GridHarness.await(node.vertx.eventBus().<Boolean>request(OneTouchCallLookup.ADDRESS,
                new OneTouchCallLookup("+8613905710001", "1700000000.1", node.clock.instant()))).body();
        assertThat(device).isTrue();
        Boolean stranger = GridHarness.await(node.vertx.eventBus().<Boolean>request(OneTouchCallLookup.ADDRESS,
                new OneTouchCallLookup("13999999999", "1700000000.2", node.clock.instant()))).body();
        assertThat(stranger).isFalse();

        // Telephony queues the call itself as the ONE_TOUCH contact.
        Contact call = GridHarness.await(node.stores.contacts().add(new Contact(null, Channel.ONE_TOUCH, null,
                "13905710001", node.clock.instant(), null, null, null, Priority.EMERGENCY, "ami:1700000000.1",
                List.of(), null))).contact();
        GridHarness.await(node.vertx.eventBus().request(RoutingAddresses.ENQUEUE,
                new EnqueueContact(call, RoutingNeeds.anyAgent())));
        ready("8003");
        assertThat(next(desk, OfferMade.class).contactId()).isEqualTo(call.id());
        assertThat(nextStage("OFFERED").workerId()).isEqualTo(worker);
        var open = node.get("/api/devices/open-alarms");
        assertThat(open.body()).contains("\"type\":\"CALL\"").contains("\"contactId\":\"" + call.id() + "\"");
    }

    @Test
    void aCallFromTheDeviceDuringAnOpenSosJoinsItAndAnsweringTheCallAnswersTheAlarm() throws Exception {
        String alarmId = (String) Jsons.read(alarm("{\"deviceId\":\"dev-0001\",\"type\":\"SOS\"}").body(),
                Map.class).get("alarmId");
        GridHarness.await(node.vertx.eventBus().<Boolean>request(OneTouchCallLookup.ADDRESS,
                new OneTouchCallLookup("13905710001", "1700000001.1", node.clock.instant())));
        Contact call = GridHarness.await(node.stores.contacts().add(new Contact(null, Channel.ONE_TOUCH, null,
                "13905710001", node.clock.instant(), null, null, null, Priority.EMERGENCY, "ami:1700000001.1",
                List.of(), null))).contact();
        GridHarness.await(node.vertx.eventBus().request(RoutingAddresses.ENQUEUE,
                new EnqueueContact(call, RoutingNeeds.anyAgent())));
        // The SOS contact waits for the elderly skill; the call may go to anyone.
        LinkedBlockingQueue<Object> otherDesk = new LinkedBlockingQueue<>();
        node.vertx.eventBus().consumer(RoutingAddresses.agentAddress("8002"), m -> otherDesk.add(m.body()));
        ready("8002");
        OfferMade offer = next(otherDesk, OfferMade.class);
        assertThat(offer.contactId()).isEqualTo(call.id());
        GridHarness.await(node.vertx.eventBus().request(RoutingAddresses.ANSWER_OFFER,
                new OfferAnswer(offer.offerId(), "8002", true, null)));
        assertThat(eventually(alarmId, "ANSWERED")).contains("\"what\":\"REPEATED\"")
                .contains("\"agentId\":\"8002\"");
    }

    @Test
    void gatewaysNeedTheirOwnKeyAndReportsAreValidated() throws Exception {
        String body = "{\"deviceId\":\"dev-0001\",\"type\":\"SOS\"}";
        assertThat(node.send("POST", "/api/devices/alarms", body).statusCode()).isEqualTo(401);
        assertThat(node.send("POST", "/api/devices/alarms", body, "X-Gateway-Id", AlarmNode.GATEWAY,
                "X-Gateway-Key", AlarmNode.KEY + "x").statusCode()).isEqualTo(401);
        assertThat(node.send("POST", "/api/devices/alarms", body, "X-Gateway-Id", "other",
                "X-Gateway-Key", AlarmNode.KEY).statusCode()).isEqualTo(401);
        assertThat(alarm("{\"deviceId\":\"dev-0001\",\"type\":\"EXPLODED\"}").body()).contains("\"field\":\"type\"");
        assertThat(alarm("{\"deviceId\":\"dev-0001\",\"type\":\"SOS\",\"longitude\":120}").body())
                .contains("\"field\":\"latitude\"");
        assertThat(alarm("{\"deviceId\":\"nobody\",\"type\":\"SOS\"}").statusCode()).isEqualTo(404);
        assertThat(alarm("{\"deviceId\":\"dev-0001\",\"type\":\"SOS\",\"at\":\"2026-11-20T02:00:00Z\"}").body())
                .contains("\"field\":\"at\"");
        assertThat(alarm("{\"deviceId\":\"dev-0001\",\"type\":\"SOS\",\"pad\":\"" + "x".repeat(20_000) + "\"}")
                .statusCode()).isEqualTo(413);
    }

    @Test
    void anOpenAlarmSurvivesARestartOfTheDeskOnRedisAndStillEscalates() throws Exception {
        try (AlarmNode restarted = new AlarmNode(true).start()) {
            GridHarness other = restarted.node;
            assertThat(other.send("POST", "/api/devices", device("dev-0001", "13905710001")).statusCode())
                    .isEqualTo(200);
            var response = other.send("POST", "/api/devices/alarms", "{\"deviceId\":\"dev-0001\",\"type\":\"SOS\"}",
                    "X-Gateway-Id", AlarmNode.GATEWAY, "X-Gateway-Key", AlarmNode.KEY);
            String alarmId = (String) Jsons.read(response.body(), Map.class).get("alarmId");
            poll(restarted.sms);
            poll(restarted.sms);
            // Wait until the family lines are on the timeline, so the stored alarm has them.
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!other.get("/api/devices/timeline/" + alarmId).body().contains("FAMILY_NOTIFIED")
                    && System.nanoTime() < until) {
                var pause = io.vertx.core.Promise.<Void>promise();
                other.vertx.setTimer(20, id -> pause.complete());
                GridHarness.await(pause.future());
            }
            restarted.deployDesk();
            assertThat(other.get("/api/devices/timeline/" + alarmId).body()).contains("\"what\":\"RECEIVED\"");
            other.clock.advance(Duration.ofSeconds(30));
            GridHarness.await(other.vertx.eventBus().request(AlarmRequests.TICK, ""));
            assertThat(poll(restarted.alerts).kind()).isEqualTo("ALARM_UNANSWERED");
            var again = other.send("POST", "/api/devices/alarms", "{\"deviceId\":\"dev-0001\",\"type\":\"FALL\"}",
                    "X-Gateway-Id", AlarmNode.GATEWAY, "X-Gateway-Key", AlarmNode.KEY);
            assertThat(again.body()).contains("\"alarmId\":\"" + alarmId + "\"").contains("\"joined\":true");
        }
    }

    @Test
    void aTextTheVendorRefusesIsOnTheTimelineAsNotNotified() throws Exception {
        String device = device("dev-0002", "13905710002").replace("13800000012", "13800000099");
        assertThat(node.send("POST", "/api/devices", device).statusCode()).isEqualTo(200);
        String alarmId = (String) Jsons.read(alarm("{\"deviceId\":\"dev-0002\",\"type\":\"FALL\"}").body(),
                Map.class).get("alarmId");
        String timeline = eventually(alarmId, "FAMILY_NOTIFIED", "FAMILY_NOT_NOTIFIED");
        assertThat(timeline).contains("138****0099 (failed)").contains("138****0011 (sent)");
    }

    static String device(String id, String sim) {
        return Jsons.write(Map.of("deviceId", id, "simNumber", sim, "residentName", "赵秀英",
                "address", "清河街道幸福路8号3单元201", "location", new GeoPoint(120.1516, 30.2581),
                "healthNotes", "高血压，独居", "gridWorkerId", "gw-0127",
                "emergencyContacts", List.of(Map.of("name", "李明", "relation", "儿子", "phone", "13800000011"),
                        Map.of("name", "李红", "relation", "女儿", "phone", "13800000012"))));
    }

    private java.net.http.HttpResponse<String> alarm(String json) throws Exception {
        return node.send("POST", "/api/devices/alarms", json, "X-Gateway-Id", AlarmNode.GATEWAY, "X-Gateway-Key",
                AlarmNode.KEY);
    }

    private void ready(String agent) throws Exception {
        GridHarness.await(node.vertx.eventBus().request(RoutingAddresses.PRESENCE,
                new AgentPresenceChange(agent, Presence.AVAILABLE, null)));
    }

    private void advance(Duration by) throws Exception {
        node.clock.advance(by);
        GridHarness.await(node.vertx.eventBus().request(AlarmRequests.TICK, ""));
    }

    private GridTaskChanged nextStage(String stage) throws InterruptedException {
        GridTaskChanged change = poll(field);
        while (!change.stage().equals(stage)) {
            change = poll(field);
        }
        return change;
    }

    /** The timeline once it holds every one of {@code what}; bounded by ten seconds. */
    private String eventually(String alarmId, String... what) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String body;
        do {
            body = node.get("/api/devices/timeline/" + alarmId).body();
            String seen = body;
            if (java.util.Arrays.stream(what).allMatch(w -> seen.contains("\"what\":\"" + w + "\""))) {
                return body;
            }
            var pause = io.vertx.core.Promise.<Void>promise();
            node.vertx.setTimer(20, id -> pause.complete());
            GridHarness.await(pause.future());
        } while (System.nanoTime() < until);
        return body;
    }

    private static <T> T next(LinkedBlockingQueue<Object> queue, Class<T> type) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            Object o = queue.poll(100, TimeUnit.MILLISECONDS);
            if (type.isInstance(o)) {
                return type.cast(o);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " within 10 s");
    }

    private static <T> T poll(LinkedBlockingQueue<T> queue) throws InterruptedException {
        T value = queue.poll(10, TimeUnit.SECONDS);
        assertThat(value).as("a message within 10 s").isNotNull();
        return value;
    }
}
