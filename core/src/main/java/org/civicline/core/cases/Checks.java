package org.civicline.core.cases;

import java.util.List;

/** Small request checks whose failures name the field, shared by the case-handling services. */
public final class Checks {
    private Checks() {
    }

    public static String text(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw invalid(field, "is required");
        }
        if (value.length() > max) {
            throw invalid(field, "is longer than " + max + " characters (" + value.length() + ")");
        }
        return value.strip();
    }

    public static String optionalText(String value, String field, int max) {
        return value == null || value.isBlank() ? null : text(value, field, max);
    }

    public static ValidationException invalid(String field, String message) {
        return new ValidationException(List.of(new ValidationException.Problem(field, message)));
    }
}
