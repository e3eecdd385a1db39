package org.civicline.core.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.civicline.core.model.Attachment;
import org.civicline.core.model.Channel;
import org.civicline.core.model.GeoPoint;
import org.civicline.core.model.Priority;

/**
 * What a case is about, as registered. The workflow state is not here: it is derived from the event log.
 *
 * @param number      human-readable case number, {@code yyyyMMdd-NNNN}
 * @param categoryCode sub-category (or main category) code from the taxonomy
 * @param gridCode    the grid cell containing the location, when known
 * @param contactId   the contact the case was opened from
 */
public record CaseDetails(
        String number,
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
        Instant createdAt) {

    public CaseDetails {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(createdAt, "createdAt");
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    public CaseDetails withNumber(String newNumber) {
        return new CaseDetails(newNumber, categoryCode, channel, priority, citizenId, contactId, description, address,
                location, gridCode, attachments, createdAt);
    }
}
