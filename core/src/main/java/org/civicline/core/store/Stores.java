package org.civicline.core.store;

import io.vertx.core.Future;

/** The stores one deployment uses, all backed by the same medium (memory or Redis). */
public record Stores(ContactStore contacts, CaseStore cases, CitizenStore citizens, ReferenceStore reference,
                     QueueStore queue, TimerStore timers, FenceStore fences, AutoCloseable resources) {

    /** Checks the medium answers (for /ready). */
    public Future<Void> ping() {
        return resources instanceof Pingable p ? p.ping() : Future.succeededFuture();
    }

    public void close() throws Exception {
        resources.close();
    }

    /** A backing medium that can be asked whether it is up. */
    public interface Pingable {
        Future<Void> ping();
    }
}
