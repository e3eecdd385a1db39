package org.civicline.core.cases.merge;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.civicline.core.cases.CaseScan;
import org.civicline.core.knowledge.Ngrams;
import org.civicline.core.model.GeoPoint;
import org.civicline.core.workflow.Case;
import org.civicline.core.workflow.CaseState;

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

    /** Share of common terms (n-grams of description and address) that makes two texts look alike. */
    static final double TEXT_OVERLAP = 0.3;

    /**
     * What an agent is typing into the case form, before there is a case: any part may be missing.
     *
     * @param at when the form asks (closed cases count only within the window before it)
     */
    public record Probe(String categoryCode, GeoPoint location, String gridCode, String text, Instant at) {
    }

    /**
     * A case that may be the same problem. {@code distanceMeters} -1 when either has no location;
     * {@code textOverlap} 0–1; {@code near}: same category within the distance or the same grid cell.
     */
    public record Candidate(String number, String categoryCode, CaseState state, String stateName, String address,
                            String description, Instant createdAt, long distanceMeters, double textOverlap,
                            boolean near, boolean open) {
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

    /**
     * Cases that look like what the form holds: open ones of any age and ones closed within the window, either of
     * the same category near the place (within the distance, or in the same grid cell), or with a text that shares
     * {@link #TEXT_OVERLAP} of its terms. Near ones first by distance, then by text overlap; merged and cancelled
     * cases are never offered.
     */
    public Future<List<Candidate>> like(Probe probe, int limit) {
        Set<String> terms = Ngrams.of(probe.text());
        return scan.recent().map(cases -> cases.stream()
                .filter(c -> c.state() != CaseState.MERGED && c.state() != CaseState.CANCELLED)
                .filter(c -> c.state().isOpen() || !c.details().createdAt().isBefore(probe.at().minus(window)))
                .map(c -> candidate(probe, terms, c))
                .filter(Objects::nonNull)
                .sorted(Comparator.comparing((Candidate c) -> !c.near())
                        .thenComparingLong(c -> c.distanceMeters() < 0 ? Long.MAX_VALUE : c.distanceMeters())
                        .thenComparing(Comparator.comparingDouble(Candidate::textOverlap).reversed())
                        .thenComparing(Candidate::createdAt, Comparator.reverseOrder()))
                .limit(limit)
                .toList());
    }

    private Candidate candidate(Probe probe, Set<String> terms, Case other) {
        boolean sameCategory = probe.categoryCode() != null && other.categoryCode() != null
                && (other.categoryCode().startsWith(probe.categoryCode())
                || probe.categoryCode().startsWith(other.categoryCode()));
        long distance = probe.location() != null && other.location() != null
                ? Math.round(meters(probe.location(), other.location())) : -1;
        boolean sameGrid = probe.gridCode() != null && probe.gridCode().equals(other.details().gridCode());
        boolean near = sameCategory && (distance >= 0 && distance <= distanceMeters || sameGrid);
        double overlap = overlap(terms, Ngrams.of(text(other.details().description(), other.details().address())));
        if (!near && overlap < TEXT_OVERLAP) {
            return null;
        }
        String description = other.details().description();
        return new Candidate(other.number(), other.categoryCode(), other.state(), other.state().display(),
                other.details().address(), description != null && description.length() > 80
                ? description.substring(0, 80) + "…" : description, other.details().createdAt(), distance,
                Math.round(overlap * 100) / 100.0, near, other.state().isOpen());
    }

    /** The text the form's description and address make together, as compared with a case's. */
    public static String text(String description, String address) {
        return (description == null ? "" : description) + " " + (address == null ? "" : address);
    }

    /** Jaccard overlap of two term sets. */
    static double overlap(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        Set<String> common = new HashSet<>(a);
        common.retainAll(b);
        return (double) common.size() / (a.size() + b.size() - common.size());
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
