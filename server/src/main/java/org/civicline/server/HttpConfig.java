package org.civicline.server;

import java.util.ArrayList;
import java.util.List;
import org.civicline.core.config.ConfigSection;
import org.civicline.core.http.ClientAddresses;

/**
 * The {@code http} section: where the API and pages are served. Port 0 picks a free port. {@code eventLoops} is how
 * many event loops accept and serve connections (0, the default, means one per core). {@code trustedProxies} are the
 * addresses of reverse proxies (nginx) whose {@code X-Real-IP} names the client (see {@code ClientAddresses}).
 */
public record HttpConfig(String host, int port, int maxBodyBytes, String publicUrl, int eventLoops,
                         List<String> trustedProxies) implements ConfigSection {

    public HttpConfig {
        host = host == null ? "0.0.0.0" : host;
        maxBodyBytes = maxBodyBytes == 0 ? 1_048_576 : maxBodyBytes;
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }

    public HttpConfig(String host, int port, int maxBodyBytes, String publicUrl) {
        this(host, port, maxBodyBytes, publicUrl, 0, List.of());
    }

    /** The servers to start: {@code eventLoops}, or one per core. */
    public int servers() {
        return eventLoops > 0 ? eventLoops : Runtime.getRuntime().availableProcessors();
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (port < 0 || port > 65535) {
            problems.add("port: expected a port number from 1 to 65535 (0 for any free port), got " + port);
        }
        if (maxBodyBytes < 1024) {
            problems.add("maxBodyBytes: expected at least 1024, got " + maxBodyBytes);
        }
        if (eventLoops < 0 || eventLoops > 256) {
            problems.add("eventLoops: expected 0 (one per core) up to 256, got " + eventLoops);
        }
        for (int i = 0; i < trustedProxies.size(); i++) {
            if (!ClientAddresses.isAddress(trustedProxies.get(i))) {
                problems.add("trustedProxies[" + i + "]: expected the IP address the nodes see the proxy come from "
                        + "(e.g. 10.0.0.10), got '" + trustedProxies.get(i) + "'");
            }
        }
        return problems;
    }
}
