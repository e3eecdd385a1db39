package org.civicline.core.module;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;

/**
 * A module as the server starts it: it binds its own configuration section, deploys its verticles and mounts its
 * HTTP endpoints (with their own body limits) on the node's router, before the node starts listening.
 */
public interface CivicModule {

    /** The module's name in logs, e.g. "telephony". */
    String name();

    Future<Void> start(ModuleContext context, Router router);
}
