package org.civicline.core.store;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;

/**
 * Leases and fencing tokens of the cluster's singletons (router, AMI connection, grid dispatch …), one of each per
 * singleton name. A node that won the singleton's cluster lock claims the lease; while another holder's lease runs the
 * claim is refused, so a node that only believes it leads (a network partition between the nodes, where both reach
 * the store) does not start a second copy. Tokens only rise, across restarts too; writes guarded by a fence
 * ({@link QueueStore}, {@link ReferenceStore}) are refused under an older token.
 */
public interface FenceStore {

    /**
     * A new, higher token for {@code holder} with a lease of {@code lease}, or empty while another holder's lease
     * runs. The same holder may claim again at once (a node restarting under the same id).
     */
    Future<Optional<Fence>> claim(String singleton, String holder, Duration lease);

    /** Extends the lease; false when a newer token is in force: the holder was deposed and must stop. */
    Future<Boolean> renew(Fence fence, Duration lease);

    /** Ends the lease at once, so the next leader need not wait for it to run out; a newer holder's is left alone. */
    Future<Void> release(Fence fence);

    /** The token in force for {@code singleton} (0 before the first claim). */
    Future<Long> current(String singleton);
}
