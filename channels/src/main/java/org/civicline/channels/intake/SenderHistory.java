package org.civicline.channels.intake;

import java.util.ArrayList;
import java.util.List;

/** A sender's most recent contacts, newest first, for "my cases". */
public record SenderHistory(List<String> contactIds) {
    static final int KEEP = 10;

    public SenderHistory {
        contactIds = contactIds == null ? List.of() : List.copyOf(contactIds);
    }

    SenderHistory with(String contactId) {
        List<String> ids = new ArrayList<>(contactIds);
        ids.remove(contactId);
        ids.add(0, contactId);
        return new SenderHistory(ids.subList(0, Math.min(KEEP, ids.size())));
    }
}
