package org.civicline.core.cases.reports;

/**
 * One line of a case report. Rates are 0–1 and null when there is nothing to divide by.
 *
 * @param onTimeRate           按时办结率: handled before the time limit / handled (feedback or resolved on contact)
 * @param firstContactRate     一次办结率: resolved on contact / received
 * @param satisfactionRate     满意度: evaluations of 4 or 5 / evaluations
 * @param followUpReachRate    回访触达率: follow-ups answered / follow-ups started
 */
public record ReportRow(String group, String groupName, int received, int closed, int handled, int handledOnTime,
                        Double onTimeRate, int overdue, int returned, int reopened, int resolvedOnContact,
                        Double firstContactRate, int evaluations, Double averageSatisfaction,
                        Double satisfactionRate, int followUps, int followUpsReached, Double followUpReachRate) {
}
