package org.civicline.routing.followup;

import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import org.civicline.core.bus.FailureCodes;
import org.civicline.core.bus.ProgressRequest;
import org.civicline.core.cases.ValidationException;
import org.civicline.core.cases.progress.ProgressView;
import org.civicline.core.cases.progress.ResidentProgress;
import org.civicline.core.json.Jsons;
import org.civicline.core.store.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves {@code civicline.case.progress}, so WeChat, SMS and Open311 answer residents with the same view. */
final class ProgressDesk {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressDesk.class);
    private final ResidentProgress progress;

    ProgressDesk(ResidentProgress progress) {
        this.progress = progress;
    }

    void handle(Message<ProgressRequest> message) {
        Future<ProgressView> view;
        try {
            view = progress.lookup(message.body().number(), message.body().phone());
        } catch (RuntimeException e) {
            view = Future.failedFuture(e);
        }
        view.onSuccess(message::reply).onFailure(e -> {
            if (e instanceof ValidationException invalid) {
                message.fail(FailureCodes.INVALID, Jsons.write(invalid.problems()));
            } else if (e instanceof NotFoundException) {
                message.fail(FailureCodes.NOT_FOUND, e.getMessage());
            } else {
                LOG.warn("progress lookup failed", e);
                message.fail(FailureCodes.UNAVAILABLE, "progress lookup failed");
            }
        });
    }
}
