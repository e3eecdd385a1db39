package org.civicline.core.cases;

import java.util.List;
import java.util.stream.Collectors;

/** A request that names wrong fields; each problem says which field and what is expected. */
public final class ValidationException extends RuntimeException {

    public record Problem(String field, String message) {
        @Override
        public String toString() {
            return field + ": " + message;
        }
    }

    private final List<Problem> problems;

    public ValidationException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
