package org.civicline.core.knowledge;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A knowledge-base answer (知识库) agents search while on a call.
 *
 * @param validFrom first day it may be given (null: always was)
 * @param validTo   last day it may be given (null: no end); a withdrawn article ends yesterday
 */
public record Article(String id, String title, String body, String categoryCode, List<String> keywords,
                      LocalDate validFrom, LocalDate validTo, Instant updatedAt, String updatedBy) {
    /** The reference-store kind articles are kept under, keyed by id. */
    public static final String KIND = "kb-article";

    public Article {
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
    }

    public boolean isValidOn(LocalDate day) {
        return (validFrom == null || !day.isBefore(validFrom)) && (validTo == null || !day.isAfter(validTo));
    }
}
