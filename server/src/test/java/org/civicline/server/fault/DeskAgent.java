package org.civicline.server.fault;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.civicline.core.json.Jsons;

/**
 * A hotline agent at the desk, as the desk page behaves: signed in on one node (bearer token), the live socket open
 * for offers, a heartbeat every 10 s, ready; every offer is accepted at once and the contact finished right after
 * (then ready again, ending any wrap-up); a contact the router lists in the agent's state is finished too. Every offer
 * seen, every hold the router confirmed and every release is recorded, so a test can check across nodes that no
 * contact was ever held by two agents at once.
 */
public final class DeskAgent implements AutoCloseable {
    static final String PASSWORD = "civicline-demo";

    /** An offer as it reached this desk ({@code receivedAt} on this JVM's nano clock). */
    public record Offer(String agentId, String offerId, String contactId, String channel,
                        java.time.Instant expiresAt, long receivedAt) {
    }

    /**
     * The router said this agent holds the contact from {@code at}: an accept answered 200, or the agent's state
     * listing it (an accept whose answer was lost, or a hold a new router took over from the store).
     */
    public record Hold(String agentId, String contactId, long at) {
    }

    /** The router confirmed the agent no longer holds the contact (finish answered 200). */
    public record Release(String agentId, String contactId, long at) {
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String agentId;
    private final String baseUrl;
    private final String token;
    private final ConcurrentLinkedQueue<Offer> offers = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Hold> holds = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Release> releases = new ConcurrentLinkedQueue<>();
    /** Held and not yet released, as far as this desk knows. */
    private final java.util.Set<String> holding = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    private final ExecutorService hands = Executors.newFixedThreadPool(2);
    private final java.util.concurrent.ScheduledExecutorService heartbeat =
            Executors.newSingleThreadScheduledExecutor();
    private WebSocket socket;

    private DeskAgent(String agentId, String baseUrl, String token) {
        this.agentId = agentId;
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** Signs in on the node at {@code baseUrl}, opens the live socket and says ready. */
    public static DeskAgent signIn(String agentId, String baseUrl) throws Exception {
        Residents.Answer login = Residents.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\": \"" + agentId + "\", \"password\": \""
                        + PASSWORD + "\", \"token\": true}")));
        if (login.status() != 200) {
            throw new AssertionError("sign-in of " + agentId + " failed: " + login.status() + " " + login.body());
        }
        DeskAgent agent = new DeskAgent(agentId, baseUrl, login.json().get("token").asText());
        agent.connect();
        Residents.Answer ready = agent.ready();
        if (ready.status() != 200) {
            throw new AssertionError(agentId + " could not say ready: " + ready.status() + " " + ready.body());
        }
        return agent;
    }

    private void connect() throws Exception {
        java.util.concurrent.CompletableFuture<Void> welcomed = new java.util.concurrent.CompletableFuture<>();
        socket = CLIENT.newWebSocketBuilder()
                .buildAsync(URI.create(baseUrl.replace("http://", "ws://") + "/ws?token=" + token), new WebSocket.Listener() {
                    private final StringBuilder frame = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        frame.append(data);
                        if (last) {
                            String text = frame.toString();
                            frame.setLength(0);
                            if (text.contains("\"Welcome\"")) {
                                welcomed.complete(null);
                            }
                            onFrame(text);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        welcomed.get(10, TimeUnit.SECONDS);
        heartbeat.scheduleAtFixedRate(() -> socket.sendText("{\"type\": \"heartbeat\"}", true), 10, 10,
                TimeUnit.SECONDS);
    }

    private void onFrame(String text) {
        JsonNode frame;
        try {
            frame = Jsons.mapper().readTree(text);
        } catch (java.io.IOException e) {
            problems.add("not JSON: " + text);
            return;
        }
        JsonNode data = frame.get("data");
        if ("AgentStatus".equals(frame.path("type").asText())) {
            // The router's word on what this agent holds: finish whatever is listed (like an agent who sees a
            // contact on the desk they had not known about).
            for (JsonNode id : data.path("contactIds")) {
                String contactId = id.asText();
                if (holding.add(contactId)) {
                    holds.add(new Hold(agentId, contactId, System.nanoTime()));
                }
                hands.execute(() -> finish(contactId));
            }
            return;
        }
        if (!"OfferMade".equals(frame.path("type").asText())) {
            return;
        }
        Offer offer = new Offer(agentId, data.get("offerId").asText(), data.get("contactId").asText(),
                data.path("channel").asText(), java.time.Instant.parse(data.get("expiresAt").asText()),
                System.nanoTime());
        offers.add(offer);
        hands.execute(() -> take(offer));
    }

    private void take(Offer offer) {
        Residents.Answer accepted = post("/api/desk/offers/" + offer.offerId() + "/answer", "{\"accept\": true}");
        if (accepted.status() != 200) {
            // Expired, withdrawn or the router moved: not this agent's contact.
            return;
        }
        if (holding.add(offer.contactId())) {
            holds.add(new Hold(agentId, offer.contactId(), System.nanoTime()));
        }
        finish(offer.contactId());
    }

    private void finish(String contactId) {
        if (!holding.contains(contactId)) {
            return;
        }
        Residents.Answer finished = post("/api/desk/contacts/" + contactId + "/finish", "{}");
        if (finished.status() == 200 && holding.remove(contactId)) {
            releases.add(new Release(agentId, contactId, System.nanoTime()));
        }
        ready();
    }

    public Residents.Answer ready() {
        return post("/api/desk/presence", "{\"presence\": \"AVAILABLE\"}");
    }

    /** Reads a contact (any agent may) — e.g. to learn the case number of an accepted app report. */
    public Residents.Answer contact(String contactId) {
        return Residents.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/desk/contacts/" + contactId))
                .header("Authorization", "Bearer " + token).GET());
    }

    private Residents.Answer post(String path, String json) {
        return Residents.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public String agentId() {
        return agentId;
    }

    public List<Offer> offers() {
        return List.copyOf(offers);
    }

    public List<Hold> holds() {
        return List.copyOf(holds);
    }

    public List<Release> releases() {
        return List.copyOf(releases);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        hands.shutdownNow();
        if (socket != null) {
            socket.abort();
        }
    }
}
