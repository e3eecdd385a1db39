package org.civicline.core.bus;

import org.civicline.core.workflow.CaseTransition;

public record TransitionCaseRequest(String number, CaseTransition transition) {
}
