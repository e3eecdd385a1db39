package org.civicline.channels.open311.inbound;

import org.civicline.core.bus.CreateCaseRequest;

/** A stored report whose case could not be opened at once; the token lookup tries again. */
public record PendingCase(CreateCaseRequest request) {
}
