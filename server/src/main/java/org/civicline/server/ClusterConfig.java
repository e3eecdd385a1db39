package org.civicline.server;

import java.util.ArrayList;
import java.util.List;
import org.civicline.core.config.ConfigSection;

/**
 * The {@code cluster} section: several nodes on Hazelcast with a TCP-IP member list (no multicast), bound to one
 * interface, sharing Redis as the store.
 *
 * @param port         Hazelcast's port on this node
 * @param members      every member as host:port (this node too)
 * @param eventBusPort the event bus's own TCP port (0: any free port)
 */
public record ClusterConfig(Boolean enabled, String host, int port, List<String> members, int eventBusPort)
        implements ConfigSection {

    public ClusterConfig {
        enabled = enabled != null && enabled;
        host = host == null || host.isBlank() ? "127.0.0.1" : host;
        port = port == 0 ? 5701 : port;
        members = members == null ? List.of() : List.copyOf(members);
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (port < 1 || port > 65535 || eventBusPort < 0 || eventBusPort > 65535) {
            problems.add("port, eventBusPort: expected port numbers (eventBusPort 0 for any free port)");
        }
        for (String member : members) {
            if (!member.matches("[A-Za-z0-9.\\-]+:\\d{1,5}")) {
                problems.add("members: expected host:port, got '" + member + "'");
            }
        }
        if (enabled && members.isEmpty()) {
            problems.add("members: list every node as host:port when the cluster is enabled");
        }
        return problems;
    }
}
