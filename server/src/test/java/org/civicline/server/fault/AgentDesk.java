package org.civicline.server.fault;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.civicline.core.json.Jsons;

/**
 * An agent's desk over HTTP, signed in on one node, doing what the web softphone does: announce presence, read the
 * offer standing for the agent, answer it, finish the contact. Answers are kept raw: status 0 when the node could not
 * be reached in time.
 */
public final class AgentDesk {
    private static final String DEMO_PASSWORD = "civicline-demo";

    private final String agentId;
    private final String baseUrl;
    private final HttpClient client;
    private final String csrf;

    /** One answer of the node: {@code status} 0 when none came. */
    public record Reply(int status, String body) {
        public boolean ok() {
            return status == 200;
        }

        public JsonNode json() {
            try {
                return Jsons.mapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    private AgentDesk(String agentId, String baseUrl, HttpClient client, String csrf) {
        this.agentId = agentId;
        this.baseUrl = baseUrl;
        this.client = client;
        this.csrf = csrf;
    }

    /** Signs {@code agentId} in on the node at {@code baseUrl} (demo users of config/reference/users.yaml). */
    public static AgentDesk signIn(String agentId, String baseUrl) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .cookieHandler(new CookieManager()).build();
        AgentDesk anonymous = new AgentDesk(agentId, baseUrl, client, null);
        Reply login = anonymous.post("/api/auth/login",
                "{\"username\": \"" + agentId + "\", \"password\": \"" + DEMO_PASSWORD + "\"}");
        if (!login.ok()) {
            throw new AssertionError("sign-in of " + agentId + " failed: " + login);
        }
        return new AgentDesk(agentId, baseUrl, client, login.json().get("csrfToken").asText());
    }

    public String agentId() {
        return agentId;
    }

    public Reply available() {
        return post("/api/desk/presence", "{\"presence\": \"AVAILABLE\"}");
    }

    /** The offer standing for this agent, empty when none stands or the router did not answer. */
    public Optional<JsonNode> standingOffer() {
        Reply reply = get("/api/desk/offer");
        if (!reply.ok()) {
            return Optional.empty();
        }
        JsonNode offer = reply.json().get("offer");
        return offer == null || offer.isNull() ? Optional.empty() : Optional.of(offer);
    }

    public Reply accept(String offerId) {
        return post("/api/desk/offers/" + offerId + "/answer", "{\"accept\": true}");
    }

    public Reply finish(String contactId) {
        return post("/api/desk/contacts/" + contactId + "/finish", "{}");
    }

    private Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    private Reply post(String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (csrf != null) {
            request.header("X-CSRF-Token", csrf);
        }
        return send(request);
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Reply(0, String.valueOf(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(0, "interrupted");
        }
    }

    @Override
    public String toString() {
        return "desk of " + agentId + " on " + baseUrl;
    }
}
