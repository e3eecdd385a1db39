package org.civicline.core.module;

import io.vertx.core.Vertx;
import java.time.Clock;
import org.civicline.core.config.AppConfig;
import org.civicline.core.reference.ReferenceData;
import org.civicline.core.store.Stores;

/** What a module gets from the node that starts it. */
public record ModuleContext(Vertx vertx, AppConfig config, Stores stores, ReferenceData reference, Clock clock,
                            String nodeId) {

    /** Routing-context key under which the access guard leaves the signed-in username, for audit trails. */
    public static final String ACTOR = "civicline.actor";
    /** Key under which the guard leaves a signed-in grid worker's id: they act only as themselves. */
    public static final String GRID_WORKER = "civicline.gridWorker";
}
