package org.civicline.core.bus;

import java.util.List;
import org.civicline.core.model.Attachment;
import org.civicline.core.model.Channel;
import org.civicline.core.model.GeoPoint;
import org.civicline.core.model.Priority;

/**
 * Open a case. The number, time limit and first event are given by the case service.
 *
 * @param citizenPhone the resident's phone, used to find or create the citizen when {@code citizenId} is null
 */
public record CreateCaseRequest(
        String actor,
        Channel channel,
        String categoryCode,
        Priority priority,
        String citizenId,
        String citizenPhone,
        String citizenName,
        String contactId,
        String description,
        String address,
        GeoPoint location,
        String gridCode,
        List<Attachment> attachments) {
}
