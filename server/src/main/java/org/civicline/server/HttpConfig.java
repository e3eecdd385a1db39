package org.civicline.server;

import java.util.ArrayList;
import java.util.List;
import org.civicline.core.config.ConfigSection;

/**
 * The {@code http} section: where the API and pages are served. Port 0 picks a free port. {@code eventLoops} is how
 * many event loops accept and serve connections (0, the default, means one per core).
 */
public record HttpConfig(String host, int port, int maxBodyBytes, String publicUrl, int eventLoops)
        implements ConfigSection {

    public HttpConfig {
        host = host == null ? "0.0.0.0" : host;
        maxBodyBytes = maxBodyBytes == 0 ? 1_048_576 : maxBodyBytes;
    }

    public HttpConfig(String host, int port, int maxBodyBytes, String publicUrl) {
        this(host, port, maxBodyBytes, publicUrl, 0);
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
        return problems;
    }
}
