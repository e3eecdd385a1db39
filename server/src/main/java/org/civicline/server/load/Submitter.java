package org.civicline.server.load;

import io.vertx.core.Future;

/** Sends one contact on one channel the way residents' devices do, and waits for the acknowledgement. */
interface Submitter {

    LoadChannel channel();

    /**
     * Sends a contact from {@code sender} (unique per contact). Succeeds when the deployment acknowledged it, with what
     * the acknowledgement named (a case number, a contact number, or null); fails with a {@link LoadFailure} otherwise.
     */
    Future<String> submit(String sender, long sequence);
}
