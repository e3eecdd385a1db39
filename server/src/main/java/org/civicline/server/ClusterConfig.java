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
 * @param publicAddress host:port the other members reach this node's Hazelcast port at, when that is not
 *                     {@code host:port} (NAT, a proxy in between; empty: host:port)
 * @param eventBusPublicAddress host:port the other members reach this node's event bus at, likewise (empty: the
 *                     bound address)
 */
public record ClusterConfig(Boolean enabled, String host, int port, List<String> members, int eventBusPort,
                            String publicAddress, String eventBusPublicAddress) implements ConfigSection {

    public ClusterConfig {
        enabled = enabled != null && enabled;
        host = host == null || host.isBlank() ? "127.0.0.1" : host;
        port = port == 0 ? 5701 : port;
        members = members == null ? List.of() : List.copyOf(members);
        publicAddress = publicAddress == null || publicAddress.isBlank() ? host + ":" + port : publicAddress.strip();
        eventBusPublicAddress = eventBusPublicAddress == null ? "" : eventBusPublicAddress.strip();
    }

    /** The event bus's advertised host, null for the bound one. */
    String eventBusPublicHost() {
        return eventBusPublicAddress.isEmpty() ? null
                : eventBusPublicAddress.substring(0, eventBusPublicAddress.lastIndexOf(':'));
    }

    /** The event bus's advertised port, -1 for the bound one. */
    int eventBusPublicPort() {
        return eventBusPublicAddress.isEmpty() ? -1
                : Integer.parseInt(eventBusPublicAddress.substring(eventBusPublicAddress.lastIndexOf(':') + 1));
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (port < 1 || port > 65535 || eventBusPort < 0 || eventBusPort > 65535) {
            problems.add("port, eventBusPort: expected port numbers (eventBusPort 0 for any free port)");
        }
        for (String member : members) {
            if (!isHostAndPort(member)) {
                problems.add("members: expected host:port, got '" + member + "'");
            }
        }
        if (!isHostAndPort(publicAddress)) {
            problems.add("publicAddress: expected host:port, got '" + publicAddress + "'");
        }
        if (!eventBusPublicAddress.isEmpty() && !isHostAndPort(eventBusPublicAddress)) {
            problems.add("eventBusPublicAddress: expected host:port or nothing, got '" + eventBusPublicAddress + "'");
        }
        if (enabled && members.isEmpty()) {
            problems.add("members: list every node as host:port when the cluster is enabled");
        }
        return problems;
    }

    private static boolean isHostAndPort(String address) {
        return address.matches("[A-Za-z0-9.\\-]+:\\d{1,5}");
    }
}
