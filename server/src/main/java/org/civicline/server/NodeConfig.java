package org.civicline.server;

import java.util.List;
import org.civicline.core.config.ConfigSection;

/** The {@code node} section: this process's name in logs, health answers and (later) the cluster. */
public record NodeConfig(String id) implements ConfigSection {

    public NodeConfig {
        id = id == null || id.isBlank() ? "node-" + ProcessHandle.current().pid() : id;
    }

    @Override
    public List<String> problems() {
        return id.matches("[A-Za-z0-9._-]{1,64}") ? List.of()
                : List.of("id: expected letters, digits, '.', '_' or '-' (at most 64), got '" + id + "'");
    }
}
