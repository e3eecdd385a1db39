package org.civicline.routing.grid;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import org.civicline.core.cluster.SingletonDeployer;
import org.civicline.core.module.CivicModule;
import org.civicline.core.module.ModuleContext;
import java.nio.file.Path;
import org.civicline.routing.grid.http.GridPhotos;
import org.civicline.routing.grid.http.GridRoutes;

/** Grid dispatch: the district's cells and workers loaded at start, the dispatch verticle, the grid API. */
public final class GridModule implements CivicModule {
    /** The cluster singleton's name (lock, lease and fence). */
    public static final String SINGLETON = "grid-dispatch";

    @Override
    public String name() {
        return "grid";
    }

    @Override
    public Future<Void> start(ModuleContext context, Router router) {
        GridConfig config = context.config().section("grid", GridConfig.class);
        PhotoFolder photos = context.config().section("channels", PhotoFolder.class);
        // File reads and index building are blocking work: off the event loop.
        return context.vertx().executeBlocking(() -> GridData.load(context.config().directory(), config))
                .compose(data -> {
                    new GridPhotos(context.vertx(), Path.of(photos.uploadDir(), "grid"), photos.maxUploadBytes())
                            .mount(router);
                    new GridRoutes(context.vertx(), data, config.maxBodyBytes()).mount(router);
                    // One dispatcher for the cluster; another node takes over, from the store, when it dies.
                    return context.vertx().deployVerticle(new SingletonDeployer(SINGLETON, context.stores().fences(),
                            context.nodeId(), fence -> new GridDispatchVerticle(data, config, context.clock(),
                            context.stores().reference(), fence)));
                })
                .mapEmpty();
    }
}
