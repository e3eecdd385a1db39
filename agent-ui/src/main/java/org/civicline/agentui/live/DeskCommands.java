package org.civicline.agentui.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.ServerWebSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import org.civicline.agentui.BusReplies;
import org.civicline.core.json.Jsons;
import org.civicline.core.routing.AgentPresenceChange;
import org.civicline.core.routing.ContactFinished;
import org.civicline.core.routing.OfferAnswer;
import org.civicline.core.routing.RoutingAddresses;

/**
 * What a desk sends on its socket: heartbeats, and the two steps of every contact — answering an offer and finishing
 * the contact — so that taking a contact costs no HTTP request. Each command carries a {@code ref} the desk chose;
 * the answer comes back as {@code {"type":"Reply","data":{"ref":…,"status":…,"body":…}}} with the status and body the
 * HTTP routes ({@code POST /api/desk/offers/{id}/answer}, {@code …/contacts/{id}/finish}) would give.
 */
final class DeskCommands {
    /** A command is a few fields; anything longer is not one. */
    static final int MAX_COMMAND = 2_048;
    private static final DeliveryOptions REQUEST = new DeliveryOptions().setSendTimeout(10_000);

    private final Vertx vertx;

    DeskCommands(Vertx vertx) {
        this.vertx = vertx;
    }

    void handle(String agentId, ServerWebSocket socket, String text) {
        if (text.length() > MAX_COMMAND) {
            reply(socket, null, 413, Map.of("error", "a command is at most " + MAX_COMMAND + " characters"));
            return;
        }
        JsonNode command = parse(text);
        if (command == null || !command.isObject()) {
            reply(socket, null, 400, Map.of("error", "not a JSON command"));
            return;
        }
        String ref = command.path("ref").isTextual() ? command.get("ref").asText() : null;
        switch (command.path("type").asText("")) {
            case "heartbeat" -> vertx.eventBus().send(RoutingAddresses.PRESENCE,
                    new AgentPresenceChange(agentId, null, null));
            case "answer" -> {
                String offerId = text(command, "offerId");
                JsonNode accept = command.get("accept");
                if (offerId == null || accept == null || !accept.isBoolean()) {
                    reply(socket, ref, 400, Map.of("error", "answer needs offerId and accept (true or false)"));
                    return;
                }
                ask(socket, ref, RoutingAddresses.ANSWER_OFFER, new OfferAnswer(offerId, agentId, accept.asBoolean(),
                        text(command, "reason")));
            }
            case "finish" -> {
                String contactId = text(command, "contactId");
                if (contactId == null) {
                    reply(socket, ref, 400, Map.of("error", "finish needs contactId"));
                    return;
                }
                ask(socket, ref, RoutingAddresses.FINISH, new ContactFinished(contactId, agentId));
            }
            default -> reply(socket, ref, 400, Map.of("error", "unknown command; known: heartbeat, answer, finish"));
        }
    }

    private void ask(ServerWebSocket socket, String ref, String address, Object body) {
        Future<Object> answer = vertx.eventBus().request(address, body, REQUEST).map(m -> m.body());
        answer.onSuccess(result -> reply(socket, ref, 200, result))
                .onFailure(e -> reply(socket, ref, BusReplies.status(e),
                        Map.of("error", String.valueOf(e.getMessage()))));
    }

    private static void reply(ServerWebSocket socket, String ref, int status, Object body) {
        if (socket.isClosed()) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ref", ref);
        data.put("status", status);
        data.put("body", body);
        socket.writeTextMessage(Jsons.write(Map.of("type", "Reply", "data", data)));
    }

    /** The command's JSON, or null when the text is not JSON. */
    private static JsonNode parse(String text) {
        try {
            return Jsons.mapper().readTree(text);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static String text(JsonNode command, String field) {
        JsonNode value = command.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
