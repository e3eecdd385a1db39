package org.civicline.core.bus;

import org.civicline.core.workflow.Case;

/** Published after a case was stored in a new state; {@code event} is the newest entry of its log. */
public record CaseChanged(Case current) {
}
