package org.civicline.server.load;

/**
 * Bursts: every {@code period}, {@code rate × period} contacts arrive at the same instant (a TV spot, a power cut),
 * so the mean rate is {@code rate} but the router and the store see the whole group at once.
 */
public final class BurstArrivals implements ArrivalProcess {
    private final long periodNanos;
    private final long perBurst;
    private long issued;

    public BurstArrivals(double perSecond, double periodSeconds) {
        if (!(perSecond > 0) || !(periodSeconds > 0)) {
            throw new IllegalArgumentException("rate and period must be positive");
        }
        this.periodNanos = (long) (periodSeconds * 1e9);
        this.perBurst = Math.max(1, Math.round(perSecond * periodSeconds));
    }

    @Override
    public long nextArrivalNanos() {
        long burst = issued++ / perBurst;
        return burst * periodNanos;
    }

    public long perBurst() {
        return perBurst;
    }
}
