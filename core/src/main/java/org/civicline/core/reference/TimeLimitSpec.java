package org.civicline.core.reference;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.civicline.core.time.TimeLimit;

/**
 * A time limit as written in a reference file: {@code { amount: 5, unit: WORKING_DAYS }}. The unit stays a string
 * here so that a wrong one is reported with the accepted units rather than as a parse error.
 */
public record TimeLimitSpec(Integer amount, String unit) {

    /** The accepted units, as written in the files. */
    public static final String ACCEPTED_UNITS = Arrays.stream(TimeLimit.Unit.values())
            .map(Enum::name)
            .collect(Collectors.joining(", "));

    /**
     * The time limit, or null after adding what is wrong with it to {@code problems}; {@code where} names the entry
     * (e.g. "sub-category 0103 (井盖缺失破损): limit").
     */
    TimeLimit toTimeLimit(String where, List<String> problems) {
        boolean ok = true;
        if (amount == null) {
            problems.add(where + ": amount is missing (a whole number greater than 0)");
            ok = false;
        } else if (amount <= 0) {
            problems.add(where + ": amount must be greater than 0, got " + amount);
            ok = false;
        }
        TimeLimit.Unit parsed = null;
        if (unit == null || unit.isBlank()) {
            problems.add(where + ": unit is missing; accepted units: " + ACCEPTED_UNITS);
            ok = false;
        } else {
            try {
                parsed = TimeLimit.Unit.valueOf(unit.strip());
            } catch (IllegalArgumentException e) {
                problems.add(where + ": unknown unit '" + unit + "'; accepted units: " + ACCEPTED_UNITS);
                ok = false;
            }
        }
        return ok ? new TimeLimit(amount, parsed) : null;
    }
}
