package org.civicline.routing.config;

/**
 * The order of the one queue: a lower {@code base} goes first; every minute of waiting lowers the effective value by
 * {@code agingPerMinute}, so that a letter is not starved forever by calls.
 */
public record PriorityClassConfig(double base, double agingPerMinute) {
}
