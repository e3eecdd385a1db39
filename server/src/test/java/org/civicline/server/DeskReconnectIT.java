package org.civicline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.civicline.core.json.Jsons;
import org.civicline.core.model.Contact;
import org.civicline.core.routing.EnqueueContact;
import org.civicline.core.routing.RoutingNeeds;
import org.junit.jupiter.api.Test;

/**
 * No sticky sessions: an agent's live socket on node A drops while an offer rings, and the desk reconnects to node B
 * with the same session; there it reads the offer back, accepts the same offer and holds the contact.
 */
class DeskReconnectIT {

    @Test
    void anAgentWhoseSocketMovesToAnotherNodeAcceptsTheSameOfferAndHoldsItsContact() throws Exception {
        int hzA = ClusterFailoverIT.freePort();
        int hzB = ClusterFailoverIT.freePort();
        String members = "127.0.0.1:" + hzA + ",127.0.0.1:" + hzB;
        String prefix = "reconnect-" + UUID.randomUUID() + ":";
        CivicLine a = ClusterFailoverIT.start("node-a", hzA, members, prefix);
        CivicLine b = ClusterFailoverIT.start("node-b", hzB, members, prefix);
        try {
            Http onA = Http.signedIn(a.httpPort(), "8001");
            Desk deskOnA = Desk.open(a.httpPort(), onA.cookieHeader());
            deskOnA.next("Welcome");
            assertThat(onA.postJson("/api/desk/presence", "{\"presence\": \"AVAILABLE\"}").status()).isEqualTo(200);

            Contact contact = ClusterFailoverIT.store(b, "reconnect");
            ClusterFailoverIT.request(b, new EnqueueContact(contact, RoutingNeeds.anyAgent()));
            JsonNode offer = deskOnA.next("OfferMade");
            assertThat(offer.get("contactId").asText()).isEqualTo(contact.id());
            deskOnA.drop();

            // The same browser, now served by node B.
            Http onB = onA.on(b.httpPort());
            Desk deskOnB = Desk.open(b.httpPort(), onA.cookieHeader());
            assertThat(deskOnB.next("Welcome").get("agentId").asText()).isEqualTo("8001");
            JsonNode standing = onB.get("/api/desk/offer").json().get("offer");
            assertThat(standing.get("offerId").asText()).isEqualTo(offer.get("offerId").asText());
            // Still signed in and ready, shown busy while the offer rings (it counts against the agent's room).
            assertThat(onB.get("/api/desk/me").json().get("presence").asText()).isEqualTo("BUSY");

            Http.Answer accepted = onB.postJson("/api/desk/offers/" + standing.get("offerId").asText() + "/answer",
                    "{\"accept\": true}");
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
            assertThat(deskOnB.next("ContactAssigned").get("contactId").asText()).isEqualTo(contact.id());
            assertThat(onB.get("/api/desk/me").json().get("contactIds")).extracting(JsonNode::asText)
                    .containsExactly(contact.id());
            assertThat(onB.get("/api/desk/contacts/" + contact.id()).status()).isEqualTo(200);
            assertThat(onB.get("/api/desk/offer").json().hasNonNull("offer")).as("no offer stands now").isFalse();
            deskOnB.drop();
        } finally {
            for (CivicLine node : List.of(b, a)) {
                node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aGridWorkersPhoneTokenHoldsOnEveryNodeAndSigningOutEndsItOnAll() throws Exception {
        int hzA = ClusterFailoverIT.freePort();
        int hzB = ClusterFailoverIT.freePort();
        String members = "127.0.0.1:" + hzA + ",127.0.0.1:" + hzB;
        String prefix = "phone-token-" + UUID.randomUUID() + ":";
        CivicLine a = ClusterFailoverIT.start("node-a", hzA, members, prefix);
        CivicLine b = ClusterFailoverIT.start("node-b", hzB, members, prefix);
        try {
            Http.Answer login = new Http(a.httpPort()).postJson("/api/auth/login", "{\"username\": \"wangge01\", "
                    + "\"password\": \"" + Http.DEMO_PASSWORD + "\", \"token\": true}");
            assertThat(login.status()).as(login.body()).isEqualTo(200);
            String bearer = "Bearer " + login.json().get("token").asText();

            // nginx sends the phone's next requests wherever it likes: node B knows the token node A issued.
            Http.Answer me = new Http(b.httpPort()).get("/api/auth/me", "Authorization", bearer);
            assertThat(me.status()).as(me.body()).isEqualTo(200);
            assertThat(me.body()).contains("wangge01");

            Http.Answer out = new Http(b.httpPort()).postJson("/api/auth/logout", "{}", "Authorization", bearer);
            assertThat(out.status()).isEqualTo(200);
            assertThat(new Http(a.httpPort()).get("/api/auth/me", "Authorization", bearer).status())
                    .as("signed out on B, so out on A").isEqualTo(401);
        } finally {
            for (CivicLine node : List.of(b, a)) {
                node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** A desk's live socket, as the browser opens it with the session cookie. */
    private record Desk(WebSocket socket, BlockingQueue<JsonNode> frames) {

        static Desk open(int port, String cookie) throws Exception {
            BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().header("Cookie", cookie)
                    .header("Origin", "http://127.0.0.1:" + port)
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), new WebSocket.Listener() {
                        private final StringBuilder text = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                            text.append(data);
                            if (last) {
                                frames.add(Jsons.read(text.toString(), JsonNode.class));
                                text.setLength(0);
                            }
                            ws.request(1);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            return new Desk(socket, frames);
        }

        /** The data of the next frame of {@code type}, skipping others. */
        JsonNode next(String type) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                JsonNode frame = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (frame != null && type.equals(frame.path("type").asText())) {
                    return frame.get("data");
                }
            }
            throw new AssertionError("no " + type + " frame within 20 s");
        }

        void drop() {
            socket.abort();
        }
    }
}
