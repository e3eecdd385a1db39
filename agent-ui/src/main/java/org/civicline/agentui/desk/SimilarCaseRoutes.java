package org.civicline.agentui.desk;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.civicline.agentui.BusReplies;
import org.civicline.core.cases.merge.SimilarCases;
import org.civicline.core.model.GeoPoint;

/**
 * {@code GET /api/desk/similar-cases?category=0102&lon=120.13&lat=30.28&grid=330106001001003&text=…}: while the
 * agent fills in the case form, the cases that may be the same problem (see {@link SimilarCases#like}), so a
 * duplicate is merged instead of dispatched twice. Every parameter is optional; with none the answer is empty.
 */
public final class SimilarCaseRoutes {
    static final int MAX_TEXT = 600;
    static final int LIMIT = 10;
    /** How old the shared scan of cases may be: a case registered this recently may be missed. */
    public static final java.time.Duration SCAN_MAX_AGE = java.time.Duration.ofSeconds(5);

    private final SimilarCases similar;
    private final Clock clock;

    public SimilarCaseRoutes(SimilarCases similar, Clock clock) {
        this.similar = similar;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.get("/api/desk/similar-cases").handler(this::similar);
    }

    private void similar(RoutingContext ctx) {
        var q = ctx.queryParams();
        String category = blankToNull(q.get("category"));
        if (category != null && !category.matches("\\d{2}|\\d{4}")) {
            BusReplies.bad(ctx, "category", "must be a category code of two or four digits, e.g. 0102");
            return;
        }
        String grid = blankToNull(q.get("grid"));
        if (grid != null && !grid.matches("[0-9]{1,20}")) {
            BusReplies.bad(ctx, "grid", "must be a grid code of digits, e.g. 330106001001003");
            return;
        }
        String text = blankToNull(q.get("text"));
        if (text != null && text.length() > MAX_TEXT) {
            BusReplies.bad(ctx, "text", "is longer than " + MAX_TEXT + " characters");
            return;
        }
        String lon = blankToNull(q.get("lon"));
        String lat = blankToNull(q.get("lat"));
        GeoPoint point = null;
        if (lon != null || lat != null) {
            try {
                point = new GeoPoint(Double.parseDouble(lon == null ? "x" : lon), Double.parseDouble(lat == null
                        ? "x" : lat));
            } catch (IllegalArgumentException e) {
                BusReplies.bad(ctx, lon == null || !isNumber(lon) ? "lon" : "lat",
                        "lon and lat go together, in degrees (WGS84), e.g. lon=120.13&lat=30.28");
                return;
            }
        }
        if (category == null && text == null) {
            BusReplies.json(ctx, 200, Map.of("results", List.of()));
            return;
        }
        similar.like(new SimilarCases.Probe(category, point, grid, text, clock.instant()), LIMIT)
                .onSuccess(found -> BusReplies.json(ctx, 200, Map.of("results", found)))
                .onFailure(e -> BusReplies.json(ctx, 503, Map.of("error", "store unavailable")));
    }

    private static boolean isNumber(String s) {
        try {
            double d = Double.parseDouble(s);
            return d >= -180 && d <= 180;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
