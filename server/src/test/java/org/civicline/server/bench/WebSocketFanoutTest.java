package org.civicline.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.civicline.server.bench.WebSocketFanout.Kind;
import org.civicline.server.bench.WebSocketFanout.Report;
import org.junit.jupiter.api.Test;

/** The fan-out benchmark's harness on a small floor: it measures only what really arrived. No timing asserted. */
class WebSocketFanoutTest {
    static final Path CONFIG = Path.of(System.getProperty("civicline.config.dir", "../config"));

    @Test
    void everyWallboardGetsEveryLiveFiguresEventOnce() throws Exception {
        assertEverySessionGotEveryEvent(WebSocketFanout.run(CONFIG, List.of(Kind.WALLBOARDS), 50, 20, 600).get(0));
    }

    @Test
    void everyAgentDeskGetsEveryEventSentToItsOwnAddressOnce() throws Exception {
        assertEverySessionGotEveryEvent(WebSocketFanout.run(CONFIG, List.of(Kind.DESKS), 50, 20, 600).get(0));
    }

    private static void assertEverySessionGotEveryEvent(Report report) {
        assertThat(report.missing()).as(report.summary()).isZero();
        assertThat(report.duplicates()).as(report.summary()).isZero();
        assertThat(report.receivedPerSession()).hasSize(50).containsOnly(20);
        assertThat(java.util.Arrays.stream(report.delaysToAllNanos())).hasSize(20).allMatch(delay -> delay > 0);
    }
}
