package org.civicline.routing.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.civicline.core.bus.DispatchToGrid;
import org.civicline.core.model.GeoPoint;
import org.civicline.core.time.ManualClock;
import org.civicline.routing.grid.dispatch.DispatchStep;
import org.civicline.routing.grid.dispatch.GridDispatcher;
import org.civicline.routing.grid.dispatch.TaskRefused;
import org.civicline.routing.grid.map.Distances;
import org.civicline.routing.grid.map.GridShape;
import org.civicline.routing.grid.workers.WorkerBoard;
import org.junit.jupiter.api.Test;

/** The dispatcher's choices on its own, on a manual clock. */
class GridDispatcherTest {
    private final GridData data = DemoDistrict.data();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private final WorkerBoard board = new WorkerBoard(data.workers().workers(), clock,
            500 / Distances.metersOfDegrees(1));
    private final GridDispatcher dispatcher = new GridDispatcher(data.map(), board, clock,
            new GridDispatcher.Settings(Duration.ofMinutes(15), 2, 300));
    private final GridShape home = data.map().grid("330106002002008").orElseThrow();

    @Test
    void aNeighbouringGridsWorkerComesBeforeACloserWorkerFromFartherAway() {
        String neighbour = workerOf(data.map().neighbours(home.code()).get(0));
        String stranger = data.map().all().stream().filter(g -> !g.code().equals(home.code())
                        && !data.map().neighbours(home.code()).contains(g.code()))
                .map(g -> g.grid().workerIds().get(0)).findFirst().orElseThrow();
        onDuty(neighbour, home.center(), 0.004); // ~385 m away
        onDuty(stranger, home.center(), 0.0005); // ~48 m away, but its grid is not next door
        List<DispatchStep> steps = dispatcher.start("20261123-0001", home.center(), DispatchToGrid.Mode.GRID, null,
                0, "8001");
        assertThat(offeredTo(steps)).isEqualTo(neighbour);
    }

    @Test
    void anAlarmGoesToTheNearestWorkerOfTheCellItselfWhenOneIsFree() {
        String own = home.grid().workerIds().get(0);
        String neighbour = workerOf(data.map().neighbours(home.code()).get(0));
        onDuty(neighbour, home.center(), 0.0002);
        onDuty(own, home.center(), 0.0001);
        List<DispatchStep> steps = dispatcher.start("20261123-0002", home.center(), DispatchToGrid.Mode.NEAREST,
                null, 300, "one-touch");
        assertThat(offeredTo(steps)).isEqualTo(own);
        clock.advance(Duration.ofMinutes(5));
        assertThat(offeredTo(dispatcher.advance())).isEqualTo(neighbour);
        clock.advance(Duration.ofMinutes(5));
        assertThat(offeredTo(dispatcher.advance())).isEqualTo(home.grid().supervisorId());
        assertThat(dispatcher.nextDue()).isEmpty(); // the supervisor's offer does not run out
    }

    @Test
    void aPlaceOutsideTheDistrictOrAnUnknownPreferredWorkerIsRefusedNamingTheField() {
        assertThatThrownBy(() -> dispatcher.start("20261123-0003", new GeoPoint(121, 31), DispatchToGrid.Mode.GRID,
                null, 0, "8001")).isInstanceOf(TaskRefused.class).hasMessageContaining("outside every grid")
                .extracting(e -> ((TaskRefused) e).field()).isEqualTo("location");
        assertThatThrownBy(() -> dispatcher.start("20261123-0004", home.center(), DispatchToGrid.Mode.PREFERRED,
                "nobody", 0, "8001")).extracting(e -> ((TaskRefused) e).field()).isEqualTo("preferredWorker");
    }

    private String workerOf(String gridCode) {
        return data.map().grid(gridCode).orElseThrow().grid().workerIds().get(0);
    }

    private void onDuty(String worker, GeoPoint place, double east) {
        board.location(worker, new GeoPoint(place.longitude() + east, place.latitude()));
        board.presence(worker, true);
    }

    private static String offeredTo(List<DispatchStep> steps) {
        return steps.stream().filter(s -> s.transition() != null).reduce((a, b) -> b).orElseThrow()
                .transition().assignee();
    }
}
