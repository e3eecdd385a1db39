package org.civicline.core.time;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.civicline.core.model.Category;
import org.civicline.core.model.Priority;

/**
 * The handling time limit of a case: the category's limit, cut short by the priority's cap when that comes first
 * (an urgent pothole is not given the five working days of an ordinary one).
 */
public final class TimeLimitPolicy {
    private final WorkingCalendar calendar;
    private final TimeLimit fallback;
    private final Map<Priority, TimeLimit> priorityCaps;

    public TimeLimitPolicy(WorkingCalendar calendar, TimeLimit fallback, Map<Priority, TimeLimit> priorityCaps) {
        this.calendar = calendar;
        this.fallback = fallback;
        this.priorityCaps = priorityCaps.isEmpty() ? new EnumMap<>(Priority.class) : new EnumMap<>(priorityCaps);
    }

    public WorkingCalendar calendar() {
        return calendar;
    }

    /** The deadline for handling a case of {@code category} (null: the fallback limit) and {@code priority}. */
    public Instant deadline(Instant start, Category category, Priority priority) {
        TimeLimit limit = category != null && category.timeLimit() != null ? category.timeLimit() : fallback;
        Instant byCategory = calendar.deadline(start, limit);
        TimeLimit cap = priorityCaps.get(priority);
        if (cap == null) {
            return byCategory;
        }
        Instant byPriority = calendar.deadline(start, cap);
        return byPriority.isBefore(byCategory) ? byPriority : byCategory;
    }
}
