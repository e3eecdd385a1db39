package org.civicline.channels.open311;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.civicline.channels.open311.format.Doc;
import org.civicline.core.model.Attachment;
import org.civicline.core.model.Category;
import org.civicline.core.reference.CategoryCatalog;
import org.civicline.core.workflow.Case;
import org.civicline.core.workflow.CaseEvent;
import org.civicline.core.workflow.CaseState;

/**
 * A case as GeoReport shows it: status is only open or closed, the workflow detail goes into {@code status_notes};
 * {@code expected_datetime} is the case's time limit. Internal notes and reasons never leave.
 */
public final class RequestViews {
    private final CategoryCatalog categories;
    private final ZoneId zone;

    public RequestViews(CategoryCatalog categories, ZoneId zone) {
        this.categories = categories;
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    public Doc.Obj request(Case c, boolean extensions) {
        Category category = c.categoryCode() == null ? null : categories.category(c.categoryCode()).orElse(null);
        Doc.Obj view = new Doc.Obj("request")
                .put("service_request_id", c.number())
                .put("status", status(c.state()))
                .put("status_notes", notes(c))
                .put("service_name", category == null ? null : category.name())
                .put("service_code", c.categoryCode() == null ? "" : c.categoryCode())
                .put("description", c.details().description())
                .put("agency_responsible", category == null ? null : category.department())
                .put("service_notice", null)
                .put("requested_datetime", time(c.details().createdAt()))
                .put("updated_datetime", time(c.lastEvent().at()))
                .put("expected_datetime", c.deadline() == null ? null : time(c.deadline()))
                .put("address", c.details().address())
                .put("address_id", null)
                .put("zipcode", null)
                .put("lat", c.location() == null ? null : c.location().latitude())
                .put("long", c.location() == null ? null : c.location().longitude())
                .put("media_url", mediaUrl(c.details().attachments()));
        if (extensions) {
            view.put("notes", new Doc.Arr("notes", "note", c.log().stream().map(this::note).toList()));
        }
        return view;
    }

    /** mySociety's update feed: one entry per step of the case. */
    public Doc.Obj update(Case c, CaseEvent event) {
        return new Doc.Obj("request_update")
                .put("update_id", c.number() + "-" + event.sequence())
                .put("service_request_id", c.number())
                .put("status", status(event.to()))
                .put("description", "状态：" + event.to().chinese() + " (" + event.to().name() + ")")
                .put("media_url", null)
                .put("updated_datetime", time(event.at()));
    }

    public static String status(CaseState state) {
        return state.isOpen() ? "open" : "closed";
    }

    public String time(Instant at) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.truncatedTo(ChronoUnit.SECONDS).atZone(zone));
    }

    private Doc.Obj note(CaseEvent event) {
        return new Doc.Obj("note")
                .put("datetime", time(event.at()))
                .put("summary", event.to().chinese() + " (" + event.to().name() + ")")
                .put("type", "status");
    }

    private static String notes(Case c) {
        String text = "当前状态：" + c.state().chinese() + " (" + c.state().name() + ")";
        if (c.assignee() != null && (c.state() == CaseState.DISPATCHED || c.state() == CaseState.IN_PROGRESS)) {
            text += "；承办：" + c.assignee();
        }
        return text;
    }

    private static String mediaUrl(List<Attachment> attachments) {
        return attachments.stream().map(Attachment::reference)
                .filter(r -> r.startsWith("http://") || r.startsWith("https://")).findFirst().orElse(null);
    }
}
