package org.civicline.core.model;

/** A WGS-84 position in degrees; longitude first as in GeoJSON. */
public record GeoPoint(double longitude, double latitude) {
    public GeoPoint {
        if (!(longitude >= -180 && longitude <= 180)) {
            throw new IllegalArgumentException("longitude must be between -180 and 180, got " + longitude);
        }
        if (!(latitude >= -90 && latitude <= 90)) {
            throw new IllegalArgumentException("latitude must be between -90 and 90, got " + latitude);
        }
    }
}
