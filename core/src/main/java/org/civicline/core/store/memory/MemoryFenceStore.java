package org.civicline.core.store.memory;

import static io.vertx.core.Future.succeededFuture;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.civicline.core.store.Fence;
import org.civicline.core.store.FenceStore;
import org.civicline.core.store.FencedOffException;

/** Leases and tokens in memory; the memory queue and reference stores ask it whether a token is still in force. */
public final class MemoryFenceStore implements FenceStore {
    private final Map<String, Lease> leases = new HashMap<>();

    private static final class Lease {
        long token;
        String holder;
        long endsNanos;
    }

    @Override
    public synchronized Future<Optional<Fence>> claim(String singleton, String holder, Duration lease) {
        Lease current = leases.computeIfAbsent(singleton, s -> new Lease());
        if (current.holder != null && !current.holder.equals(holder) && System.nanoTime() < current.endsNanos) {
            return succeededFuture(Optional.empty());
        }
        current.token++;
        current.holder = holder;
        current.endsNanos = System.nanoTime() + lease.toNanos();
        return succeededFuture(Optional.of(new Fence(singleton, holder, current.token)));
    }

    @Override
    public synchronized Future<Boolean> renew(Fence fence, Duration lease) {
        Lease current = leases.get(fence.singleton());
        if (current == null || current.token != fence.token()) {
            return succeededFuture(false);
        }
        current.holder = fence.holder();
        current.endsNanos = System.nanoTime() + lease.toNanos();
        return succeededFuture(true);
    }

    @Override
    public synchronized Future<Void> release(Fence fence) {
        Lease current = leases.get(fence.singleton());
        if (current != null && current.token == fence.token() && fence.holder().equals(current.holder)) {
            current.holder = null;
        }
        return succeededFuture();
    }

    @Override
    public synchronized Future<Long> current(String singleton) {
        Lease current = leases.get(singleton);
        return succeededFuture(current == null ? 0L : current.token);
    }

    /** Null when {@code token} may write for {@code singleton}, else the refusal saying which token is in force. */
    synchronized FencedOffException refusal(String singleton, long token, String what) {
        Lease current = leases.get(singleton);
        long inForce = current == null ? 0 : current.token;
        return token < inForce ? new FencedOffException(what + " with " + singleton + " fencing token " + token
                + " refused: token " + inForce + " is in force") : null;
    }
}
