package org.civicline.agentui.desk;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.civicline.agentui.BusReplies;
import org.civicline.core.channels.ChannelAddresses;
import org.civicline.core.channels.ConversationRequest;
import org.civicline.core.routing.AgentPresenceChange;
import org.civicline.core.routing.AgentStatus;
import org.civicline.core.routing.RoutingAddresses;
import org.civicline.core.store.ContactStore;
import org.civicline.core.telephony.ClickToDial;
import org.civicline.core.telephony.TelephonyAddresses;

/**
 * The desk's chat history and click-to-dial: the conversation of a contact the agent holds, and a call from the
 * agent's own phone to a resident (a number typed, or the caller of a contact the agent holds, e.g. a callback).
 */
public final class DeskCommsRoutes {
    private static final String PHONE = "\\+?\\d{3,20}";
    private static final DeliveryOptions REQUEST = new DeliveryOptions().setSendTimeout(10_000);

    public record DialBody(String phone, String contactId) {
    }

    private final Vertx vertx;
    private final ContactStore contacts;
    private final DeskRoutes desk;

    public DeskCommsRoutes(Vertx vertx, ContactStore contacts, DeskRoutes desk) {
        this.vertx = vertx;
        this.contacts = contacts;
        this.desk = desk;
    }

    public void mount(Router router) {
        router.get("/api/desk/contacts/:contactId/conversation").handler(ctx -> {
            String contactId = ctx.pathParam("contactId");
            desk.whenHolding(ctx, contactId, () -> desk.ask(ctx, ChannelAddresses.CONVERSATION,
                    new ConversationRequest(contactId)));
        });
        router.post("/api/desk/dial").handler(this::dial);
    }

    private void dial(RoutingContext ctx) {
        DialBody body = DeskRoutes.read(ctx, DialBody.class);
        if (body == null) {
            return;
        }
        String phone = body.phone() == null ? null : body.phone().replaceAll("[\\s-]", "");
        if (phone != null && !phone.isEmpty() && !phone.matches(PHONE)) {
            BusReplies.bad(ctx, "phone", "expected 3 to 20 digits, optionally after +");
            return;
        }
        if (body.contactId() == null || body.contactId().isBlank()) {
            if (phone == null || phone.isEmpty()) {
                BusReplies.bad(ctx, "phone", "is required: the number to call, or a contactId you hold");
                return;
            }
            ring(ctx, null, phone);
            return;
        }
        desk.whenHolding(ctx, body.contactId(), () -> {
            if (phone != null && !phone.isEmpty()) {
                ring(ctx, body.contactId(), phone);
                return;
            }
            contacts.get(body.contactId()).onSuccess(found -> {
                String sender = found.map(c -> c.sender()).orElse(null);
                if (sender == null || !sender.matches(PHONE)) {
                    BusReplies.bad(ctx, "phone", "contact " + body.contactId() + " has no phone number: type one");
                } else {
                    ring(ctx, body.contactId(), sender);
                }
            }).onFailure(e -> BusReplies.json(ctx, 503, Map.of("error", "store unavailable")));
        });
    }

    /** Rings the agent's own phone (the extension the router knows), then the resident. */
    private void ring(RoutingContext ctx, String contactId, String phone) {
        String agentId = DeskRoutes.agentId(ctx);
        vertx.eventBus().<AgentStatus>request(RoutingAddresses.PRESENCE, new AgentPresenceChange(agentId, null, null),
                        REQUEST)
                .onSuccess(status -> {
                    String extension = status.body().extension();
                    if (extension == null || extension.isBlank()) {
                        BusReplies.json(ctx, 409, Map.of("error", "agent " + agentId + " has no phone extension"));
                    } else {
                        desk.ask(ctx, TelephonyAddresses.DIAL,
                                new ClickToDial(contactId, agentId, extension, phone, null));
                    }
                })
                .onFailure(e -> BusReplies.json(ctx, 503, Map.of("error", "routing unavailable")));
    }
}
