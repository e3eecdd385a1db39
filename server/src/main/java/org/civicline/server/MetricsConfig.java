package org.civicline.server;

import java.util.ArrayList;
import java.util.List;
import org.civicline.core.config.ConfigSection;

/**
 * The {@code metrics} section: Prometheus metrics at {@code GET /metrics}.
 *
 * @param enabled whether the node records metrics at all (Vert.x's own and CivicLine's)
 * @param token   when set, a scraper must send {@code Authorization: Bearer <token>}; when empty, only callers on
 *                this machine's loopback may scrape (and not through a proxy)
 * @param eventBus whether Vert.x also counts every event bus message by address; off by default, since it costs
 *                 about 7 % of a node's CPU under load (a label match and a meter lookup per message)
 */
public record MetricsConfig(Boolean enabled, String token, Boolean eventBus) implements ConfigSection {
    static final int MIN_TOKEN_LENGTH = 16;

    public MetricsConfig {
        enabled = enabled == null || enabled;
        token = token == null ? "" : token.trim();
        eventBus = eventBus != null && eventBus;
    }

    public boolean hasToken() {
        return !token.isEmpty();
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (hasToken() && token.length() < MIN_TOKEN_LENGTH) {
            problems.add("token: expected at least " + MIN_TOKEN_LENGTH + " characters (or none for loopback-only "
                    + "scraping), got " + token.length());
        }
        return problems;
    }
}
