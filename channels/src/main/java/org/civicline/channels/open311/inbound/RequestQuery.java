package org.civicline.channels.open311.inbound;

import io.vertx.core.MultiMap;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The filters of {@code GET requests} (and of the update feed): ids override the rest; dates need a time zone and
 * span at most 90 days; the default is the last 90 days, at most 1000 requests. Pages count from 1.
 */
public record RequestQuery(List<String> ids, Set<String> serviceCodes, Set<String> statuses, Instant start,
                           Instant end, int page, int pageSize, boolean extensions) {

    static final Duration MAX_SPAN = Duration.ofDays(90);
    static final int MAX_PAGE_SIZE = 1000;
    static final int MAX_IDS = 100;

    public record Reading(RequestQuery query, List<String> problems) {
    }

    public static Reading read(MultiMap params, Instant now) {
        List<String> problems = new ArrayList<>();
        List<String> ids = list(params, "service_request_id");
        if (ids.size() > MAX_IDS) {
            problems.add("service_request_id lists more than " + MAX_IDS + " ids");
        }
        Set<String> codes = Set.copyOf(list(params, "service_code"));
        Set<String> statuses = Set.copyOf(list(params, "status"));
        for (String s : statuses) {
            if (!s.equals("open") && !s.equals("closed")) {
                problems.add("status must be open, closed or both, got '" + clip(s) + "'");
            }
        }
        Instant start = time(params, "start_date", problems);
        Instant end = time(params, "end_date", problems);
        if (start != null && end != null && end.isBefore(start)) {
            problems.add("end_date is before start_date");
        }
        if (start != null && end != null && Duration.between(start, end).compareTo(MAX_SPAN) > 0) {
            problems.add("start_date to end_date spans more than 90 days");
        }
        if (end == null) {
            end = start != null ? start.plus(MAX_SPAN) : now;
        }
        if (start == null) {
            start = end.minus(MAX_SPAN);
        }
        int page = positive(params, "page", 1, Integer.MAX_VALUE, problems);
        int pageSize = positive(params, "page_size", MAX_PAGE_SIZE, MAX_PAGE_SIZE, problems);
        boolean extensions = "true".equalsIgnoreCase(ServiceRequestForm.value(params, "extensions"));
        RequestQuery query = new RequestQuery(ids, codes, statuses, start, end, page, pageSize, extensions);
        return new Reading(problems.isEmpty() ? query : null, List.copyOf(problems));
    }

    public boolean byId() {
        return !ids.isEmpty();
    }

    private static List<String> list(MultiMap params, String name) {
        String v = ServiceRequestForm.value(params, name);
        return v == null ? List.of() : Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .distinct().collect(Collectors.toList());
    }

    private static Instant time(MultiMap params, String name, List<String> problems) {
        String v = ServiceRequestForm.value(params, name);
        if (v == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(name + " must be an ISO 8601 date-time with a time zone, e.g. 2026-11-01T00:00:00+08:00");
            return null;
        }
    }

    private static int positive(MultiMap params, String name, int fallback, int max, List<String> problems) {
        String v = ServiceRequestForm.value(params, name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(name + " must be a whole number from 1 to " + max);
        return fallback;
    }

    private static String clip(String text) {
        return text.length() > 20 ? text.substring(0, 20) + "…" : text;
    }
}
