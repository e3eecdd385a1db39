package org.civicline.agentui;

import java.util.ArrayList;
import java.util.List;
import org.civicline.core.config.ConfigSection;

/**
 * The {@code ui} section.
 *
 * @param secureCookies         send the session cookie only over HTTPS (true behind TLS)
 * @param sessionMinutes        idle time after which a session ends
 * @param tokenHours            lifetime of a phone page's bearer token
 * @param signInMaxFailures     failed sign-ins per user and address before a pause
 * @param signInWindowMinutes   the window those failures are counted in
 * @param sipWebSocketUrl       Asterisk's WebSocket (wss://…/ws) for the browser phone; empty: the desk phone rings
 * @param mapTileUrl            map tiles ({z}/{x}/{y}); empty: the map draws only the grid polygons (intranet)
 */
public record UiConfig(Boolean secureCookies, int sessionMinutes, int tokenHours, int signInMaxFailures,
                       int signInWindowMinutes, String sipWebSocketUrl, String mapTileUrl) implements ConfigSection {

    public UiConfig {
        secureCookies = secureCookies != null && secureCookies;
        sessionMinutes = sessionMinutes == 0 ? 480 : sessionMinutes;
        tokenHours = tokenHours == 0 ? 12 : tokenHours;
        signInMaxFailures = signInMaxFailures == 0 ? 5 : signInMaxFailures;
        signInWindowMinutes = signInWindowMinutes == 0 ? 15 : signInWindowMinutes;
        sipWebSocketUrl = sipWebSocketUrl == null ? "" : sipWebSocketUrl;
        mapTileUrl = mapTileUrl == null ? "" : mapTileUrl;
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (sessionMinutes < 1 || tokenHours < 1 || signInMaxFailures < 1 || signInWindowMinutes < 1) {
            problems.add("sessionMinutes, tokenHours, signInMaxFailures and signInWindowMinutes must be positive");
        }
        if (!sipWebSocketUrl.isEmpty() && !sipWebSocketUrl.matches("wss?://.+")) {
            problems.add("sipWebSocketUrl: expected wss://host:port/ws, got '" + sipWebSocketUrl + "'");
        }
        return problems;
    }
}
