package org.civicline.agentui.desk;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.civicline.agentui.BusReplies;
import org.civicline.agentui.auth.AccessGuard;
import org.civicline.agentui.auth.User;
import org.civicline.core.json.Jsons;
import org.civicline.core.channels.AgentReply;
import org.civicline.core.channels.ChannelAddresses;
import org.civicline.core.routing.AgentPresenceChange;
import org.civicline.core.routing.AgentStatus;
import org.civicline.core.routing.CallbackOutcome;
import org.civicline.core.routing.ContactFinished;
import org.civicline.core.routing.OfferAnswer;
import org.civicline.core.routing.Presence;
import org.civicline.core.routing.RoutingAddresses;
import org.civicline.core.store.ContactStore;
import org.civicline.core.telephony.CallControl;
import org.civicline.core.telephony.TelephonyAddresses;

/**
 * The agent desk's actions. The agent is always the signed-in user: a desk can never act for somebody else.
 */
public final class DeskRoutes {
    private static final DeliveryOptions REQUEST = new DeliveryOptions().setSendTimeout(10_000);

    public record PresenceBody(Presence presence, String reason) {
    }

    public record AnswerBody(Boolean accept, String reason) {
    }

    public record OutcomeBody(CallbackOutcome.Result result) {
    }

    public record ControlBody(CallControl.Operation operation, String target) {
    }

    public record ReplyBody(String text) {
    }

    static final int MAX_REPLY = 2000;

    private final Vertx vertx;
    private final ContactStore contacts;

    public DeskRoutes(Vertx vertx, ContactStore contacts) {
        this.vertx = vertx;
        this.contacts = contacts;
    }

    public void mount(Router router) {
        router.get("/api/desk/me").handler(ctx -> ask(ctx, RoutingAddresses.PRESENCE,
                new AgentPresenceChange(agentId(ctx), null, null)));
        router.post("/api/desk/presence").handler(this::presence);
        // After a reconnect (to this node or another) the desk reads the offer that may have come while it was away.
        router.get("/api/desk/offer").handler(ctx -> ask(ctx, RoutingAddresses.STANDING_OFFER, agentId(ctx)));
        router.post("/api/desk/offers/:offerId/answer").handler(this::answer);
        router.post("/api/desk/contacts/:contactId/finish").handler(ctx -> ask(ctx, RoutingAddresses.FINISH,
                new ContactFinished(ctx.pathParam("contactId"), agentId(ctx))));
        router.post("/api/desk/callbacks/:contactId/outcome").handler(this::outcome);
        router.get("/api/desk/contacts/:contactId").handler(this::contact);
        router.post("/api/desk/calls/:contactId/control").handler(this::control);
        router.post("/api/desk/contacts/:contactId/reply").handler(this::reply);
    }

    private void presence(RoutingContext ctx) {
        PresenceBody body = read(ctx, PresenceBody.class);
        if (body == null) {
            return;
        }
        if (body.presence() == null) {
            BusReplies.bad(ctx, "presence", "is required: AVAILABLE, BREAK or OFFLINE");
            return;
        }
        ask(ctx, RoutingAddresses.PRESENCE, new AgentPresenceChange(agentId(ctx), body.presence(), body.reason()));
    }

    private void answer(RoutingContext ctx) {
        AnswerBody body = read(ctx, AnswerBody.class);
        if (body == null) {
            return;
        }
        if (body.accept() == null) {
            BusReplies.bad(ctx, "accept", "is required: true to take the offer, false to pass it on");
            return;
        }
        ask(ctx, RoutingAddresses.ANSWER_OFFER,
                new OfferAnswer(ctx.pathParam("offerId"), agentId(ctx), body.accept(), body.reason()));
    }

    private void outcome(RoutingContext ctx) {
        OutcomeBody body = read(ctx, OutcomeBody.class);
        if (body == null) {
            return;
        }
        if (body.result() == null) {
            BusReplies.bad(ctx, "result", "is required: REACHED, NO_ANSWER, BUSY or WRONG_NUMBER");
            return;
        }
        ask(ctx, RoutingAddresses.CALLBACK_OUTCOME,
                new CallbackOutcome(ctx.pathParam("contactId"), agentId(ctx), body.result()));
    }

    /** Hold, transfer or hang up a call the agent holds now; any other call is refused. */
    private void control(RoutingContext ctx) {
        ControlBody body = read(ctx, ControlBody.class);
        if (body == null) {
            return;
        }
        if (body.operation() == null) {
            BusReplies.bad(ctx, "operation", "is required: one of "
                    + java.util.Arrays.toString(CallControl.Operation.values()));
            return;
        }
        String contactId = ctx.pathParam("contactId");
        whenHolding(ctx, contactId, () -> ask(ctx, TelephonyAddresses.CONTROL,
                new CallControl(contactId, body.operation(), body.target())));
    }

    /** An answer in the resident's own channel (WeChat, SMS, app), for a contact the agent holds. */
    private void reply(RoutingContext ctx) {
        ReplyBody body = read(ctx, ReplyBody.class);
        if (body == null) {
            return;
        }
        if (body.text() == null || body.text().isBlank()) {
            BusReplies.bad(ctx, "text", "is required");
            return;
        }
        if (body.text().length() > MAX_REPLY) {
            BusReplies.bad(ctx, "text", "is longer than " + MAX_REPLY + " characters");
            return;
        }
        String contactId = ctx.pathParam("contactId");
        whenHolding(ctx, contactId, () -> ask(ctx, ChannelAddresses.REPLY,
                new AgentReply(contactId, agentId(ctx), body.text().strip())));
    }

    void whenHolding(RoutingContext ctx, String contactId, Runnable action) {
        vertx.eventBus().<AgentStatus>request(RoutingAddresses.PRESENCE,
                        new AgentPresenceChange(agentId(ctx), null, null), REQUEST)
                .onSuccess(status -> {
                    if (status.body().contactIds().contains(contactId)) {
                        action.run();
                    } else {
                        BusReplies.json(ctx, 409, Map.of("error", "you do not hold contact " + contactId));
                    }
                })
                .onFailure(e -> BusReplies.json(ctx, 503, Map.of("error", "routing unavailable")));
    }

    private void contact(RoutingContext ctx) {
        contacts.get(ctx.pathParam("contactId"))
                .onSuccess(found -> found.ifPresentOrElse(c -> BusReplies.json(ctx, 200, c),
                        () -> BusReplies.json(ctx, 404, Map.of("error", "no contact " + ctx.pathParam("contactId")))))
                .onFailure(e -> BusReplies.json(ctx, 503, Map.of("error", "store unavailable")));
    }

    void ask(RoutingContext ctx, String address, Object body) {
        BusReplies.answer(ctx, vertx.eventBus().request(address, body, REQUEST).map(m -> m.body()));
    }

    static String agentId(RoutingContext ctx) {
        User user = AccessGuard.user(ctx);
        return user.agentId();
    }

    static <T> T read(RoutingContext ctx, Class<T> type) {
        try {
            T value = Jsons.read(ctx.body() == null ? "" : ctx.body().asString(), type);
            if (value == null) {
                BusReplies.bad(ctx, "body", "expected a JSON object");
            }
            return value;
        } catch (RuntimeException e) {
            String why = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
            BusReplies.bad(ctx, "body", "not the expected JSON: " + (why == null ? "" : why.lines().findFirst().orElse("")));
            return null;
        }
    }
}
