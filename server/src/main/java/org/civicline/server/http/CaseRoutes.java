package org.civicline.server.http;

import io.vertx.core.Vertx;
import java.util.Arrays;
import java.util.List;
import org.civicline.core.cases.ValidationException.Problem;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.civicline.core.bus.Addresses;
import org.civicline.core.bus.CreateCaseRequest;
import org.civicline.core.bus.GetCaseRequest;
import org.civicline.core.bus.TransitionCaseRequest;
import org.civicline.core.json.Jsons;
import org.civicline.core.module.ModuleContext;
import org.civicline.core.store.ReferenceStore;
import org.civicline.core.telephony.CallRecord;
import org.civicline.core.workflow.Case;
import org.civicline.core.workflow.CaseState;
import org.civicline.core.workflow.CaseTransition;

/** {@code /api/cases}: open a case, read it with its log, move it through the workflow. */
public final class CaseRoutes {
    private static final DeliveryOptions REQUEST = new DeliveryOptions().setSendTimeout(10_000);

    /** The body of a transition request. */
    public record TransitionBody(CaseState to, String actor, String reason, String assignee, String note,
                                 Integer expectedVersion) {
    }

    private final Vertx vertx;
    private final ReferenceStore documents;

    public CaseRoutes(Vertx vertx, ReferenceStore documents) {
        this.vertx = vertx;
        this.documents = documents;
    }

    public void mount(Router router) {
        router.post("/api/cases").handler(this::create);
        router.get("/api/cases/:number").handler(this::get);
        router.post("/api/cases/:number/transitions").handler(this::transition);
    }

    private void create(RoutingContext ctx) {
        JsonBodies.read(ctx, CreateCaseRequest.class).ifPresent(body -> {
            String signedIn = ctx.get(ModuleContext.ACTOR);
            CreateCaseRequest request = signedIn != null ? withActor(body, signedIn)
                    : body.actor() == null ? withActor(body, "api") : body;
            vertx.eventBus().<Case>request(Addresses.CASE_CREATE, request, REQUEST)
                    .onSuccess(reply -> {
                        Case created = reply.body();
                        ctx.response().setStatusCode(201)
                                .putHeader("Location", "/api/cases/" + created.number());
                        json(ctx, created);
                    })
                    .onFailure(e -> HttpErrors.fromBus(ctx, e));
        });
    }

    private void get(RoutingContext ctx) {
        vertx.eventBus().<Case>request(Addresses.CASE_GET, new GetCaseRequest(ctx.pathParam("number")), REQUEST)
                .onSuccess(reply -> {
                    Case c = reply.body();
                    String contactId = c.details().contactId();
                    if (contactId == null) {
                        json(ctx, CaseView.of(c));
                        return;
                    }
                    // The case view shows the call it came from; a missing record never hides the case.
                    documents.get(CallRecord.STORE_KIND, contactId, CallRecord.class).onComplete(found -> json(ctx,
                            CaseView.of(c, found.succeeded() ? found.result().orElse(null) : null)));
                })
                .onFailure(e -> HttpErrors.fromBus(ctx, e));
    }

    private void transition(RoutingContext ctx) {
        JsonBodies.read(ctx, TransitionBody.class).ifPresent(body -> {
            if (body.to() == null) {
                HttpErrors.invalid(ctx, List.of(new Problem(
                        "to", "is required: one of " + Arrays.toString(CaseState.values()))));
                return;
            }
            String signedIn = ctx.get(ModuleContext.ACTOR);
            String actor = signedIn != null ? signedIn : body.actor() == null ? "api" : body.actor();
            CaseTransition transition = new CaseTransition(body.to(), actor,
                    body.reason(), body.assignee(), body.note(),
                    body.expectedVersion() == null ? CaseTransition.ANY_VERSION : body.expectedVersion());
            vertx.eventBus().<Case>request(Addresses.CASE_TRANSITION,
                            new TransitionCaseRequest(ctx.pathParam("number"), transition), REQUEST)
                    .onSuccess(reply -> json(ctx, reply.body()))
                    .onFailure(e -> HttpErrors.fromBus(ctx, e));
        });
    }

    private static void json(RoutingContext ctx, Case c) {
        json(ctx, CaseView.of(c));
    }

    private static void json(RoutingContext ctx, CaseView view) {
        ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(Jsons.write(view));
    }

    private static CreateCaseRequest withActor(CreateCaseRequest r, String actor) {
        return new CreateCaseRequest(actor, r.channel(), r.categoryCode(), r.priority(), r.citizenId(),
                r.citizenPhone(), r.citizenName(), r.contactId(), r.description(), r.address(), r.location(),
                r.gridCode(), r.attachments());
    }
}
