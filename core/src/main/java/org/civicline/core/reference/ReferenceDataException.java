package org.civicline.core.reference;

import java.util.List;

/**
 * A reference data file that cannot be used: missing, not valid YAML, or with entries that break the rules. The
 * message names the file and every entry at fault, so that whoever edits the file can fix all of them at once.
 */
public final class ReferenceDataException extends RuntimeException {
    private final String source;
    private final List<String> problems;

    public ReferenceDataException(String source, List<String> problems) {
        this(source, problems, null);
    }

    public ReferenceDataException(String source, List<String> problems, Throwable cause) {
        super(message(source, problems), cause);
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** The file (or other source) at fault. */
    public String source() {
        return source;
    }

    /** Each problem found, one line each, without the file name. */
    public List<String> problems() {
        return problems;
    }

    private static String message(String source, List<String> problems) {
        if (problems.size() == 1) {
            return source + ": " + problems.get(0);
        }
        StringBuilder text = new StringBuilder(source).append(": ").append(problems.size()).append(" problems:");
        for (String problem : problems) {
            text.append(System.lineSeparator()).append("  - ").append(problem);
        }
        return text.toString();
    }
}
