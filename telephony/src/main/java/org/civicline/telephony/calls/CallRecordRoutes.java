package org.civicline.telephony.calls;

import io.vertx.ext.web.Router;
import org.civicline.core.json.Jsons;

/** {@code GET /api/telephony/calls/{contactId}}: the call record of a voice contact, for the case view. */
public final class CallRecordRoutes {
    private final CallRecords records;

    public CallRecordRoutes(CallRecords records) {
        this.records = records;
    }

    public void mount(Router router) {
        router.get("/api/telephony/calls/:contactId").handler(ctx -> records.byContact(ctx.pathParam("contactId"))
                .onSuccess(found -> {
                    if (found.isEmpty()) {
                        ctx.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                                .end("{\"error\":\"no call record for this contact\"}");
                    } else {
                        ctx.response().putHeader("Content-Type", "application/json").end(Jsons.write(found.get()));
                    }
                })
                .onFailure(ctx::fail));
    }
}
