package org.civicline.routing.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.civicline.core.bus.GridTaskChanged;
import org.civicline.core.json.Jsons;
import org.civicline.core.model.GeoPoint;
import org.civicline.core.workflow.Case;
import org.civicline.core.workflow.CaseEvent;
import org.civicline.core.workflow.CaseState;
import org.civicline.routing.grid.map.GridShape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A case with a place goes to the field over the real bus, case service and HTTP API, on a manual clock. */
class GridDispatchTest {
    private GridHarness node;
    private final LinkedBlockingQueue<GridTaskChanged> notices = new LinkedBlockingQueue<>();
    private final GridShape grid = DemoDistrict.data().map().grid("330106002002005").orElseThrow();

    @BeforeEach
    void start() throws Exception {
        node = new GridHarness().start(h -> h.vertx.eventBus().<GridTaskChanged>consumer(GridTaskChanged.ADDRESS,
                m -> notices.add(m.body())));
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    @Test
    void theGridsOnDutyWorkerGetsTheCaseThenTheNearestNeighbourAfterTheResponseTimeThenTheSupervisor()
            throws Exception {
        String own = grid.grid().workerIds().get(0);
        List<String> neighbourGrids = DemoDistrict.data().map().neighbours(grid.code());
        String near = workerOf(neighbourGrids.get(0));
        String far = workerOf(neighbourGrids.get(1));
        onDutyAt(own, grid.center(), 0.001);
        onDutyAt(near, grid.center(), 0.002);
        onDutyAt(far, grid.center(), 0.004);
        Case c = node.createCase("路灯不亮", grid.center(), null);

        String task = dispatch(c.number());
        assertThat(next("OFFERED").workerId()).isEqualTo(own);
        assertThat(node.caseOf(c.number()).assignee()).isEqualTo(own);

        node.advance(Duration.ofMinutes(14));
        assertThat(notices.poll()).isNull();
        node.advance(Duration.ofMinutes(1));
        assertThat(next("TIMED_OUT").workerId()).isEqualTo(own);
        GridTaskChanged offered = next("OFFERED");
        assertThat(offered.workerId()).isEqualTo(near);

        var noReason = reject(task, near, "");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("\"field\":\"reason\"");
        assertThat(reject(task, near, "正在处理另一起燃气泄漏").statusCode()).isEqualTo(200);
        assertThat(next("REJECTED").workerId()).isEqualTo(near);
        assertThat(next("OFFERED").workerId()).isEqualTo(far);

        node.advance(Duration.ofMinutes(15));
        next("TIMED_OUT");
        assertThat(next("TO_SUPERVISOR").workerId()).isEqualTo(grid.grid().supervisorId());

        Case after = awaitCase(c.number(), 6);
        List<CaseEvent> log = after.log();
        assertThat(log).extracting(CaseEvent::to).containsExactly(CaseState.RECEIVED, CaseState.REGISTERED,
                CaseState.DISPATCHED, CaseState.DISPATCHED, CaseState.DISPATCHED, CaseState.DISPATCHED);
        assertThat(log.get(2).reason()).contains("grid worker on duty " + own);
        assertThat(log.get(3).reason()).contains(own + " did not accept within 15 min")
                .contains("nearest available worker of this or a neighbouring grid " + near);
        assertThat(log.get(4).reason()).contains(near + " rejected: 正在处理另一起燃气泄漏").contains(far);
        assertThat(log.get(5).reason()).contains("grid supervisor " + grid.grid().supervisorId());
        assertThat(log.get(5).assignee()).isEqualTo(grid.grid().supervisorId());
    }

    @Test
    void anOpenTaskSurvivesARestartOnRedisAndItsOfferStillRunsOut() throws Exception {
        try (GridHarness redis = new GridHarness(true)) {
            LinkedBlockingQueue<GridTaskChanged> seen = new LinkedBlockingQueue<>();
            redis.start(h -> h.vertx.eventBus().<GridTaskChanged>consumer(GridTaskChanged.ADDRESS,
                    m -> seen.add(m.body())));
            String own = grid.grid().workerIds().get(0);
            String near = workerOf(DemoDistrict.data().map().neighbours(grid.code()).get(2));
            for (String w : List.of(own, near)) {
                redis.send("PUT", "/api/grid/workers/" + w + "/location", "{\"longitude\":"
                        + grid.center().longitude() + ",\"latitude\":" + grid.center().latitude() + "}");
                redis.send("PUT", "/api/grid/workers/" + w + "/presence", "{\"onDuty\":true}");
            }
            Case c = redis.createCase("树木倒伏", grid.center(), null);
            var dispatched = redis.send("POST", "/api/grid/dispatch", "{\"caseNumber\":\"" + c.number() + "\"}");
            String task = (String) Jsons.read(dispatched.body(), Map.class).get("taskId");

            redis.restartGridDispatch();
            var view = redis.get("/api/grid/tasks/" + task);
            assertThat(view.statusCode()).isEqualTo(200);
            assertThat(view.body()).contains("\"assignee\":\"" + own + "\"").contains("\"stage\":\"OFFERED\"");
            // Presence and positions come back from the phones; the offer's time limit came back from the store.
            for (String w : List.of(own, near)) {
                redis.send("PUT", "/api/grid/workers/" + w + "/location", "{\"longitude\":"
                        + grid.center().longitude() + ",\"latitude\":" + grid.center().latitude() + "}");
                redis.send("PUT", "/api/grid/workers/" + w + "/presence", "{\"onDuty\":true}");
            }
            seen.clear();
            redis.advance(Duration.ofMinutes(15));
            GridTaskChanged timedOut = seen.poll(10, TimeUnit.SECONDS);
            assertThat(timedOut).isNotNull();
            assertThat(timedOut.stage()).isEqualTo("TIMED_OUT");
            GridTaskChanged next = seen.poll(10, TimeUnit.SECONDS);
            assertThat(next.workerId()).isEqualTo(near);
        }
    }

    @Test
    void anOffDutyGridWorkerIsSkippedForTheNearestAvailableOne() throws Exception {
        String own = grid.grid().workerIds().get(0);
        node.send("PUT", "/api/grid/workers/" + own + "/presence", "{\"onDuty\":false}");
        String near = workerOf(DemoDistrict.data().map().neighbours(grid.code()).get(3));
        onDutyAt(near, grid.center(), 0.0015);
        Case c = node.createCase("井盖缺失", grid.center(), null);
        dispatch(c.number());
        assertThat(next("OFFERED").workerId()).isEqualTo(near);
    }

    @Test
    void theWorkerAcceptsArrivesHandlesAndFinishesAndTheCaseGoesToFeedback() throws Exception {
        String own = grid.grid().workerIds().get(0);
        onDutyAt(own, grid.center(), 0.003);
        Case c = node.createCase("占道经营", null, grid.grid().name() + "附近");
        // No location: the address must be placed first; here only the community name is known.
        var unplaced = node.send("POST", "/api/grid/dispatch", "{\"caseNumber\":\"" + c.number() + "\"}");
        assertThat(unplaced.statusCode()).isEqualTo(404);
        assertThat(unplaced.body()).contains("place it on the map");

        // The agent places it on the map instead.
        var onTheMap = node.send("POST", "/api/grid/dispatch", "{\"caseNumber\":\"" + c.number()
                + "\",\"longitude\":" + grid.center().longitude() + ",\"latitude\":" + grid.center().latitude() + "}");
        assertThat(onTheMap.statusCode()).as(onTheMap.body()).isEqualTo(200);
        assertThat(next("OFFERED").workerId()).isEqualTo(own);
        assertThat(awaitCase(c.number(), 3).lastEvent().reason()).contains("placed by the map");
        String first = (String) Jsons.read(onTheMap.body(), Map.class).get("taskId");
        assertThat(step(first, "reject", Map.of("workerId", own, "reason", "测试改派")).statusCode()).isEqualTo(200);
        node.advance(Duration.ofMinutes(60)); // nobody else on duty: on to the supervisor, which frees the worker
        notices.clear();

        Case placed = node.createCase("占道经营", grid.center(), null);
        String task = dispatch(placed.number());
        assertThat(step(task, "accept", Map.of("workerId", "gw-9999")).statusCode()).isEqualTo(409);
        assertThat(step(task, "accept", Map.of("workerId", own)).statusCode()).isEqualTo(200);

        var tooFar = step(task, "arrive", Map.of("workerId", own, "longitude", grid.center().longitude() + 0.01,
                "latitude", grid.center().latitude()));
        assertThat(tooFar.statusCode()).isEqualTo(400);
        assertThat(tooFar.body()).contains("\"field\":\"location\"").contains("arrival counts within 300 m");
        var arrived = step(task, "arrive", Map.of("workerId", own, "longitude", grid.center().longitude() + 0.0005,
                "latitude", grid.center().latitude()));
        assertThat(arrived.statusCode()).isEqualTo(200);
        assertThat(arrived.body()).contains("\"arrivalMeters\":48");

        assertThat(step(task, "handle", Map.of("workerId", own, "note", " ")).body()).contains("\"field\":\"note\"");
        assertThat(step(task, "handle", Map.of("workerId", own, "note", "已劝离摊贩，恢复通行", "photos",
                List.of(Map.of("kind", "photo", "reference", "photos/a.jpg", "contentType", "image/jpeg",
                        "sizeBytes", 2048)))).statusCode()).isEqualTo(200);
        assertThat(step(task, "finish", Map.of("workerId", own)).statusCode()).isEqualTo(200);

        Case done = awaitCase(placed.number(), 5);
        assertThat(done.log()).extracting(CaseEvent::to).containsExactly(CaseState.RECEIVED, CaseState.REGISTERED,
                CaseState.DISPATCHED, CaseState.IN_PROGRESS, CaseState.FEEDBACK);
        assertThat(done.log().get(3).actor()).isEqualTo(own);
        assertThat(done.lastEvent().note()).contains("arrived 48 m").contains("已劝离摊贩").contains("photos/a.jpg");
        var worker = node.get("/api/grid/workers/" + own);
        assertThat(worker.body()).contains("\"busy\":false");
    }

    @Test
    void theGridApiLocatesPointsAndResolvesAddressesAndNamesBadFields() throws Exception {
        var located = node.get("/api/grid/locate?longitude=" + grid.center().longitude() + "&latitude="
                + grid.center().latitude());
        assertThat(located.statusCode()).isEqualTo(200);
        assertThat(located.body()).contains("\"code\":\"" + grid.code() + "\"");
        assertThat(node.get("/api/grid/locate?longitude=0&latitude=0").statusCode()).isEqualTo(404);
        assertThat(node.get("/api/grid/locate?longitude=abc&latitude=1").body()).contains("\"field\":\"longitude\"");
        assertThat(node.get("/api/grid/resolve?address=%E6%96%87%E4%B8%80%E8%B7%AF25%E5%8F%B7").body())
                .contains("330106001001004");
        var badPosition = node.send("PUT", "/api/grid/workers/gw-0001/location", "{\"longitude\":500,\"latitude\":30}");
        assertThat(badPosition.statusCode()).isEqualTo(400);
        assertThat(badPosition.body()).contains("\"field\":\"longitude\"");
        assertThat(node.send("PUT", "/api/grid/workers/nobody/presence", "{\"onDuty\":true}").statusCode())
                .isEqualTo(404);
        assertThat(node.send("PUT", "/api/grid/workers/gw-0001/presence", "{\"onDuty\":true,\"x\":1}").body())
                .contains("\"field\":\"x\"");
        String huge = "{\"onDuty\":true,\"pad\":\"" + "x".repeat(70_000) + "\"}";
        assertThat(node.send("PUT", "/api/grid/workers/gw-0001/presence", huge).statusCode()).isEqualTo(413);
        var grid1 = node.get("/api/grid/grids/" + grid.code());
        assertThat(grid1.body()).contains("\"neighbours\"").contains(grid.grid().community());
    }

    private String workerOf(String gridCode) {
        return DemoDistrict.data().map().grid(gridCode).orElseThrow().grid().workerIds().get(0);
    }

    private void onDutyAt(String worker, GeoPoint place, double eastDegrees) throws Exception {
        assertThat(node.send("PUT", "/api/grid/workers/" + worker + "/location", "{\"longitude\":"
                + (place.longitude() + eastDegrees) + ",\"latitude\":" + place.latitude() + "}").statusCode())
                .isEqualTo(200);
        assertThat(node.send("PUT", "/api/grid/workers/" + worker + "/presence", "{\"onDuty\":true}").statusCode())
                .isEqualTo(200);
    }

    private String dispatch(String number) throws Exception {
        var response = node.send("POST", "/api/grid/dispatch", "{\"caseNumber\":\"" + number + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (String) Jsons.read(response.body(), Map.class).get("taskId");
    }

    private java.net.http.HttpResponse<String> reject(String task, String worker, String reason) throws Exception {
        return step(task, "reject", Map.of("workerId", worker, "reason", reason));
    }

    private java.net.http.HttpResponse<String> step(String task, String action, Map<String, Object> body)
            throws Exception {
        return node.send("POST", "/api/grid/tasks/" + task + "/" + action, Jsons.write(body));
    }

    private GridTaskChanged next(String stage) throws InterruptedException {
        GridTaskChanged n = notices.poll(10, TimeUnit.SECONDS);
        assertThat(n).as("a %s notice", stage).isNotNull();
        assertThat(n.stage()).isEqualTo(stage);
        return n;
    }

    /** The case log is written after the step is answered; wait (bounded) until it has {@code events} entries. */
    private Case awaitCase(String number, int events) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Case c = node.caseOf(number);
        while (c.log().size() < events && System.nanoTime() < until) {
            var p = io.vertx.core.Promise.<Void>promise();
            node.vertx.setTimer(20, id -> p.complete());
            GridHarness.await(p.future());
            c = node.caseOf(number);
        }
        return c;
    }
}
