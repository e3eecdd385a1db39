package org.civicline.routing.grid.map;

/**
 * Distances inside one city. The equirectangular approximation at the place's latitude is within 0.1 % of the great
 * circle up to 50 km and costs no trigonometry per pair, which the nearest-worker search relies on.
 */
public final class Distances {
    public static final double EARTH_RADIUS_METERS = 6_371_008.8;
    private static final double RADIANS = Math.PI / 180;

    private Distances() {
    }

    /** Metres from the place ({@code lon0}, {@code lat0}) to a point. */
    public static double meters(double lon0, double lat0, double lon, double lat) {
        return meters(lon0, lat0, Math.cos(lat0 * RADIANS), lon, lat);
    }

    /** As {@link #meters(double, double, double, double)} with {@code cosLat0 = cos(lat0)} computed once. */
    public static double meters(double lon0, double lat0, double cosLat0, double lon, double lat) {
        double x = (lon - lon0) * cosLat0;
        double y = lat - lat0;
        return Math.sqrt(x * x + y * y) * RADIANS * EARTH_RADIUS_METERS;
    }

    /** Metres along a meridian for {@code degrees} of latitude (and of longitude at the equator). */
    public static double metersOfDegrees(double degrees) {
        return degrees * RADIANS * EARTH_RADIUS_METERS;
    }
}
