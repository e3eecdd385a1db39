package org.civicline.routing.grid.dispatch;

import org.civicline.core.bus.GridTaskChanged;
import org.civicline.core.workflow.CaseTransition;

/** What one task step means outside the dispatcher: a move on the case log (or none) and a notice. */
public record DispatchStep(String caseNumber, CaseTransition transition, GridTaskChanged notice) {
}
