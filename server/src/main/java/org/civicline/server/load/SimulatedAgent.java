package org.civicline.server.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.civicline.core.json.Jsons;

/**
 * One agent at a desk, through the same API the browser desk uses: signs in for a bearer token, listens on
 * {@code /ws}, and answers every offer after a random delay, holds the contact for a random handle time, then
 * finishes it — the answer and the finish as commands on the socket, as the desk sends them. Everything runs on the
 * agent's own Vert.x context.
 */
final class SimulatedAgent {
    private final Vertx vertx;
    private final HttpTarget http;
    private final URI node;
    private final String username;
    private final String password;
    private final LoadOptions.Range acceptDelay;
    private final LoadOptions.Range handleTime;
    private final Ledger ledger;
    private final AgentErrors errors;
    private final Random random;
    private String token;
    private ClientWebSocket socket;
    /** Commands sent and not answered yet, by their reference. */
    private final Map<String, Promise<JsonNode>> unanswered = new HashMap<>();
    private long nextRef;
    /** Set when the agent leaves: offers and timers still under way do nothing more. */
    private volatile boolean gone;

    SimulatedAgent(Vertx vertx, HttpTarget http, URI node, String username, String password, LoadOptions options,
                   Ledger ledger, AgentErrors errors, long seed) {
        this.vertx = vertx;
        this.http = http;
        this.node = node;
        this.username = username;
        this.password = password;
        this.acceptDelay = options.acceptDelayMillis();
        this.handleTime = options.handleMillis();
        this.ledger = ledger;
        this.errors = errors;
        this.random = new Random(seed);
    }

    /** Signs in and opens the live socket; done once the node said Welcome (the desk's subscription is in place). */
    Future<Void> signIn(WebSocketClient sockets) {
        String body = "{\"username\":\"" + username + "\",\"password\":\"" + password + "\",\"token\":true}";
        return http.post(node, "/api/auth/login", "application/json", Buffer.buffer(body), Map.of())
                .compose(answer -> {
                    if (answer.status() != 200) {
                        return Future.failedFuture(new LoadOptions.BadOption("agent " + username
                                + " cannot sign in (" + answer.status() + " " + answer.body()
                                + "); was the node started with a 'civicline load-config' folder?"));
                    }
                    token = json(answer.body()).path("token").asText();
                    Promise<Void> welcomed = Promise.promise();
                    socket = sockets.webSocket();
                    socket.textMessageHandler(text -> onFrame(text, welcomed));
                    socket.closeHandler(v -> {
                        List<Promise<JsonNode>> cut = List.copyOf(unanswered.values());
                        unanswered.clear();
                        cut.forEach(p -> p.tryFail(new LoadFailure("connection closed", "socket closed")));
                    });
                    return socket.connect(new WebSocketConnectOptions().setHost(node.getHost()).setPort(node.getPort())
                                    .setURI("/ws?token=" + token))
                            .compose(v -> welcomed.future());
                });
    }

    Future<Void> presence(String presence) {
        String body = "{\"presence\":\"" + presence + "\"" + ("BREAK".equals(presence) ? ",\"reason\":\"压测暂停\"" : "")
                + "}";
        return desk("/api/desk/presence", body).mapEmpty();
    }

    /** Stops taking and finishing contacts, signs out and closes the socket. */
    Future<Void> leave() {
        gone = true;
        return presence("OFFLINE").transform(ignored -> socket == null ? Future.succeededFuture() : socket.close());
    }

    private void onFrame(String text, Promise<Void> welcomed) {
        // Most frames (the agent's status, assignments, chat turns) need nothing from the tool: only these three are
        // parsed. A false match only costs a parse; the type is checked again below.
        if (!text.contains("\"type\":\"OfferMade\"") && !text.contains("\"type\":\"Reply\"")
                && !text.contains("\"type\":\"Welcome\"")) {
            return;
        }
        JsonNode frame;
        try {
            frame = Jsons.mapper().readTree(text);
        } catch (IOException e) {
            errors.count("agent: unreadable frame");
            return;
        }
        String type = frame.path("type").asText();
        if (type.equals("Welcome")) {
            welcomed.tryComplete();
        } else if (type.equals("Reply")) {
            Promise<JsonNode> waiting = unanswered.remove(frame.path("data").path("ref").asText());
            if (waiting != null) {
                waiting.complete(frame.path("data"));
            }
        } else if (type.equals("OfferMade")) {
            JsonNode offer = frame.path("data");
            String sender = offer.path("sender").asText(null);
            ledger.offered(sender, System.nanoTime());
            String offerId = offer.path("offerId").asText();
            String contactId = offer.path("contactId").asText();
            vertx.setTimer(Math.max(1, acceptDelay.pick(random)), t -> accept(offerId, contactId, sender));
        }
    }

    private void accept(String offerId, String contactId, String sender) {
        if (gone) {
            return;
        }
        command("answer", "\"offerId\":" + quoted(offerId) + ",\"accept\":true").onSuccess(ok -> {
            ledger.accepted(sender, System.nanoTime());
            vertx.setTimer(Math.max(1, handleTime.pick(random)), t -> {
                if (!gone) {
                    command("finish", "\"contactId\":" + quoted(contactId));
                }
            });
        });
    }

    /** Sends a desk command on the socket; fails unless the node answers it with status 200. */
    private Future<JsonNode> command(String type, String fields) {
        String ref = Long.toString(nextRef++, 36);
        Promise<JsonNode> answered = Promise.promise();
        unanswered.put(ref, answered);
        socket.writeTextMessage("{\"type\":\"" + type + "\",\"ref\":\"" + ref + "\"," + fields + "}")
                .onFailure(e -> {
                    unanswered.remove(ref);
                    answered.tryFail(e);
                });
        return answered.future().compose(reply -> {
            int status = reply.path("status").asInt();
            return status == 200 ? Future.succeededFuture(reply.path("body"))
                    : Future.failedFuture(new LoadFailure("http " + status, reply.path("body").toString()));
        }).onFailure(e -> {
            // A command cut off because the run ended and the agent left is not the node's error.
            if (!gone) {
                errors.count("agent " + type + ": " + LoadFailure.kindOf(e));
            }
        });
    }

    private static String quoted(String value) {
        try {
            return Jsons.mapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Future<HttpTarget.Answer> desk(String path, String body) {
        return http.post(node, path, "application/json", Buffer.buffer(body), Map.of("Authorization", "Bearer " + token))
                .map(answer -> HttpTarget.expect(answer, 200))
                .onFailure(e -> errors.count("agent " + path.replaceAll("/[^/]*[0-9][^/]*", "/…") + ": "
                        + LoadFailure.kindOf(e)));
    }

    private static JsonNode json(Buffer body) {
        try {
            return Jsons.mapper().readTree(body.getBytes());
        } catch (IOException e) {
            throw new LoadFailure("not JSON", e.getMessage());
        }
    }
}
