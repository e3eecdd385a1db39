package org.civicline.server.http;

import java.time.Instant;
import java.util.List;
import org.civicline.core.model.Attachment;
import org.civicline.core.model.Channel;
import org.civicline.core.model.GeoPoint;
import org.civicline.core.model.Priority;
import org.civicline.core.telephony.CallRecord;
import org.civicline.core.workflow.Case;
import org.civicline.core.workflow.CaseEvent;
import org.civicline.core.workflow.CaseState;

/** A case as the HTTP API shows it: flat, with the Chinese state names beside the codes. */
public record CaseView(
        String number,
        CaseState state,
        String stateName,
        int version,
        String categoryCode,
        Channel channel,
        Priority priority,
        String citizenId,
        String contactId,
        String description,
        String address,
        GeoPoint location,
        String gridCode,
        List<Attachment> attachments,
        String assignee,
        Instant deadline,
        Instant createdAt,
        List<Event> log,
        CallRecord call) {

    public record Event(int sequence, Instant at, String actor, CaseState from, CaseState to, String toName,
                        String reason, Instant deadline, String assignee, String note) {
        static Event of(CaseEvent e) {
            return new Event(e.sequence(), e.at(), e.actor(), e.from(), e.to(), e.to().chinese(), e.reason(),
                    e.deadline(), e.assignee(), e.note());
        }
    }

    public static CaseView of(Case c) {
        return of(c, null);
    }

    /** With the record of the call the case came from, when there was one. */
    public static CaseView of(Case c, CallRecord call) {
        var d = c.details();
        return new CaseView(d.number(), c.state(), c.state().chinese(), c.version(), d.categoryCode(), d.channel(),
                d.priority(), d.citizenId(), d.contactId(), d.description(), d.address(), d.location(), d.gridCode(),
                d.attachments(), c.assignee(), c.deadline(), d.createdAt(), c.log().stream().map(Event::of).toList(), call);
    }
}
