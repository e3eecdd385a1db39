package org.civicline.core.store;

/**
 * A singleton leader's fencing token: {@code token} rises with every new leader of {@code singleton}, and the store
 * refuses a write carrying a lower token than the one in force, so a deposed leader's late write cannot undo the new
 * leader's. {@code holder} names the node that claimed it.
 */
public record Fence(String singleton, String holder, long token) {
}
