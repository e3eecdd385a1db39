package org.civicline.server;

import java.util.ArrayList;
import java.util.List;
import org.civicline.core.config.ConfigSection;

/**
 * The {@code node} section: this process's name in logs, health answers and the cluster, and how many event loops
 * its Vert.x runs (0, the default, means one per core).
 */
public record NodeConfig(String id, int eventLoops) implements ConfigSection {

    public NodeConfig {
        id = id == null || id.isBlank() ? "node-" + ProcessHandle.current().pid() : id;
    }

    /**
     * One per core unless configured. Vert.x's own default is two per core, headroom for code that blocks an event
     * loop; CivicLine's never does (blocking calls go to worker threads), and on two cores the extra loops only
     * added thread hand-offs: the node used 0.82–0.83 instead of 0.88–0.94 cores for the same load (README "Load
     * tool").
     */
    public int eventLoopPool() {
        return eventLoops > 0 ? eventLoops : Runtime.getRuntime().availableProcessors();
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!id.matches("[A-Za-z0-9._-]{1,64}")) {
            problems.add("id: expected letters, digits, '.', '_' or '-' (at most 64), got '" + id + "'");
        }
        if (eventLoops < 0 || eventLoops > 256) {
            problems.add("eventLoops: expected 0 (one per core) up to 256, got " + eventLoops);
        }
        return problems;
    }
}
