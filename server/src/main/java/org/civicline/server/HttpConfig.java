package org.civicline.server;

import java.util.ArrayList;
import java.util.List;
import org.civicline.core.config.ConfigSection;

/** The {@code http} section: where the API and pages are served. Port 0 picks a free port. */
public record HttpConfig(String host, int port, int maxBodyBytes, String publicUrl) implements ConfigSection {

    public HttpConfig {
        host = host == null ? "0.0.0.0" : host;
        maxBodyBytes = maxBodyBytes == 0 ? 1_048_576 : maxBodyBytes;
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
        return problems;
    }
}
