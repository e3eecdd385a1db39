package org.civicline.core.cases.followup;

import java.util.ArrayList;
import java.util.List;
import org.civicline.core.cases.ValidationException;

/**
 * What the resident said: solved or not, satisfaction 1 (very unsatisfied) to 5 (very satisfied), a comment.
 */
public record SurveyAnswer(Boolean solved, Integer satisfaction, String comment) {
    public static final int MAX_COMMENT = 500;

    public List<ValidationException.Problem> problems() {
        List<ValidationException.Problem> problems = new ArrayList<>();
        if (solved == null) {
            problems.add(new ValidationException.Problem("solved", "is required: was the problem solved?"));
        }
        if (satisfaction == null || satisfaction < 1 || satisfaction > 5) {
            problems.add(new ValidationException.Problem("satisfaction", "must be 1 to 5"));
        }
        if (comment != null && comment.length() > MAX_COMMENT) {
            problems.add(new ValidationException.Problem("comment", "is longer than " + MAX_COMMENT + " characters"));
        }
        return problems;
    }

    /** How the evaluation is written on the log, in the EVALUATED step's reason. */
    public String summary() {
        return "solved=" + solved + ";satisfaction=" + satisfaction;
    }

    /** Reads {@link #summary()} back; null for anything else. */
    public static SurveyAnswer parse(String summary, String comment) {
        if (summary == null || !summary.matches("solved=(true|false);satisfaction=[1-5]")) {
            return null;
        }
        String[] parts = summary.split(";");
        return new SurveyAnswer(Boolean.parseBoolean(parts[0].substring(7)), Integer.parseInt(parts[1].substring(13)),
                comment);
    }
}
