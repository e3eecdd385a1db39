package org.civicline.agentui.supervisor;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.civicline.agentui.BusReplies;
import org.civicline.agentui.auth.AccessGuard;
import org.civicline.agentui.auth.User;
import org.civicline.core.json.Jsons;
import org.civicline.core.telephony.CallControlDone;
import org.civicline.core.telephony.ListenIn;
import org.civicline.core.telephony.TelephonyAddresses;

/**
 * {@code POST /api/supervisor/agents/{agentId}/listen {extension?}}: the supervisor's phone (the extension given, or
 * the one users.yaml names for the supervisor) rings and, once answered, hears the agent's call. The answer waits for
 * the phone to be answered, so it may take as long as the PBX lets it ring.
 */
public final class ListenInRoute {
    /** Longer than the PBX lets the supervisor's phone ring (20 s) plus the spy's start. */
    private static final DeliveryOptions REQUEST = new DeliveryOptions().setSendTimeout(30_000);
    private static final String EXTENSION = "([A-Za-z]{2,10}/)?\\d{2,10}";

    public record Body(String extension) {
    }

    private final Vertx vertx;

    public ListenInRoute(Vertx vertx) {
        this.vertx = vertx;
    }

    public void mount(Router router) {
        router.post("/api/supervisor/agents/:agentId/listen").handler(this::listen);
    }

    private void listen(RoutingContext ctx) {
        User user = AccessGuard.user(ctx);
        Body body;
        try {
            String text = ctx.body() == null ? "" : ctx.body().asString();
            body = text == null || text.isBlank() ? null : Jsons.read(text, Body.class);
        } catch (RuntimeException e) {
            BusReplies.bad(ctx, "body", "expected {\"extension\": \"9001\"} or nothing");
            return;
        }
        String extension = body != null && body.extension() != null && !body.extension().isBlank()
                ? body.extension().strip() : user.extension();
        if (extension == null) {
            BusReplies.bad(ctx, "extension", "is required: users.yaml names no phone for " + user.username());
            return;
        }
        if (!extension.matches(EXTENSION)) {
            BusReplies.bad(ctx, "extension", "expected an extension of digits such as 9001, or PJSIP/9001");
            return;
        }
        vertx.eventBus().<CallControlDone>request(TelephonyAddresses.LISTEN,
                        new ListenIn(ctx.pathParam("agentId"), extension, user.username()), REQUEST)
                .onSuccess(reply -> BusReplies.json(ctx, 200, reply.body()))
                .onFailure(e -> {
                    if (e instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS) {
                        BusReplies.json(ctx, 503, Map.of("error", "no PBX: telephony is not connected (pbx: none?)",
                                "reason", "NO_PBX"));
                    } else if (e instanceof ReplyException r && r.failureType() == ReplyFailure.TIMEOUT) {
                        BusReplies.json(ctx, 504, Map.of("error", "the PBX did not answer in time", "reason",
                                "TIMEOUT"));
                    } else {
                        BusReplies.answer(ctx, io.vertx.core.Future.failedFuture(e));
                    }
                });
    }
}
