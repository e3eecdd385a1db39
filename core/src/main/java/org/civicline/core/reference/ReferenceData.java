package org.civicline.core.reference;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.civicline.core.model.Category;
import org.civicline.core.model.Priority;
import org.civicline.core.time.TimeLimitPolicy;
import org.civicline.core.time.WorkingCalendar;

/**
 * The reference data every node needs to take cases: the category catalog and the time limit policy (with its
 * working calendar), read from {@code <config>/reference/}.
 */
public record ReferenceData(CategoryCatalog categories, TimeLimitPolicy policy) {

    /** Where the catalog lives, relative to the configuration directory. */
    public static final String CATEGORIES_FILE = "reference/categories.yaml";
    /** Where the calendar lives, relative to the configuration directory. */
    public static final String CALENDAR_FILE = "reference/calendar.yaml";

    public ReferenceData {
        Objects.requireNonNull(categories, "categories");
        Objects.requireNonNull(policy, "policy");
    }

    /**
     * Reads {@code configDir/reference/categories.yaml} and {@code configDir/reference/calendar.yaml}. When both are
     * wrong the calendar's problems come as a suppressed exception of the catalog's, so that one run shows both.
     */
    public static ReferenceData load(Path configDir) {
        if (!Files.isDirectory(configDir)) {
            throw new ReferenceDataException(configDir.toString(),
                    List.of("not a directory; expected the configuration directory holding " + CATEGORIES_FILE
                            + " and " + CALENDAR_FILE));
        }
        CategoryCatalog catalog = null;
        ReferenceDataException failure = null;
        try {
            catalog = CategoryCatalog.load(configDir.resolve(CATEGORIES_FILE));
        } catch (ReferenceDataException e) {
            failure = e;
        }
        CalendarConfig calendar = null;
        try {
            calendar = CalendarConfig.load(configDir.resolve(CALENDAR_FILE));
        } catch (ReferenceDataException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return new ReferenceData(catalog, calendar.policy());
    }

    public WorkingCalendar calendar() {
        return policy.calendar();
    }

    /**
     * The handling deadline of a case of category {@code categoryCode} (null: no category yet, the fallback limit)
     * and {@code priority}, counted from {@code start}.
     *
     * @throws IllegalArgumentException for a code that is not in the catalog
     */
    public Instant deadline(Instant start, String categoryCode, Priority priority) {
        Category category = categoryCode == null ? null : categories.require(categoryCode);
        return policy.deadline(start, category, priority);
    }
}
