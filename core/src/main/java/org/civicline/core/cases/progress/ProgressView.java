package org.civicline.core.cases.progress;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What a resident may see of a case: no names, phones, addresses, internal notes or other residents' cases.
 *
 * @param mergedInto  the case this one was merged into and now follows, if any
 * @param lastNote    the last public note: a standard phrase for the step, or the department's reply to residents
 * @param expectedBy  the day the current step is due, while it is open
 */
public record ProgressView(String number, String status, boolean finished, String mergedInto, String lastNote,
                           Instant updatedAt, LocalDate expectedBy) {
}
