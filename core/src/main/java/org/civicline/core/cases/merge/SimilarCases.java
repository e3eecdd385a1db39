package org.civicline.core.cases.merge;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.civicline.core.cases.CaseScan;
import org.civicline.core.model.GeoPoint;
import org.civicline.core.workflow.Case;

/**
 * Open cases that look like the same problem as a new one: same category within a distance and time window, or
 * the same resident about the same category. Suggestions only; an agent decides to merge.
 */
public final class SimilarCases {
    private static final double EARTH_RADIUS_METERS = 6_371_000;

    /** A suggestion and why it was made. */
    public record Match(String number, String categoryCode, String state, String address, long distanceMeters,
                        boolean sameResident) {
    }

    private final CaseScan scan;
    private final double distanceMeters;
    private final Duration window;

    public SimilarCases(CaseScan scan, int distanceMeters, int windowHours) {
        this.scan = scan;
        this.distanceMeters = distanceMeters;
        this.window = Duration.ofHours(windowHours);
    }

    public Future<List<Match>> of(Case subject) {
        return scan.recent().map(cases -> cases.stream()
                .filter(other -> !other.number().equals(subject.number()) && other.state().isOpen())
                .filter(other -> Objects.equals(other.categoryCode(), subject.categoryCode())
                        && subject.categoryCode() != null)
                .map(other -> match(subject, other))
                .filter(Objects::nonNull)
                .toList());
    }

    private Match match(Case subject, Case other) {
        boolean sameResident = subject.details().citizenId() != null
                && subject.details().citizenId().equals(other.details().citizenId());
        long distance = subject.location() != null && other.location() != null
                ? Math.round(meters(subject.location(), other.location())) : -1;
        Duration apart = Duration.between(other.details().createdAt(), subject.details().createdAt()).abs();
        boolean near = distance >= 0 && distance <= distanceMeters && apart.compareTo(window) <= 0;
        if (!near && !sameResident) {
            return null;
        }
        // The other resident's identity stays out of the suggestion: the agent sees the case, not the person.
        return new Match(other.number(), other.categoryCode(), other.state().display(), other.details().address(),
                distance, sameResident);
    }

    /** Great-circle distance (haversine). */
    static double meters(GeoPoint a, GeoPoint b) {
        double dLat = Math.toRadians(b.latitude() - a.latitude());
        double dLon = Math.toRadians(b.longitude() - a.longitude());
        double h = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(Math.toRadians(a.latitude()))
                * Math.cos(Math.toRadians(b.latitude())) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_METERS * Math.asin(Math.sqrt(h));
    }
}
