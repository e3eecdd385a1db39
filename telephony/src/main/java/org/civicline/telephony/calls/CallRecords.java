package org.civicline.telephony.calls;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Optional;
import org.civicline.core.store.ReferenceStore;
import org.civicline.core.telephony.CallRecord;
import org.civicline.core.telephony.TelephonyAddresses;

/**
 * Finished call records, kept by contact id in the shared document store (memory or Redis, like the contacts) and
 * announced on the bus so the case view and statistics can pick them up.
 */
public final class CallRecords {
    static final String KIND = CallRecord.STORE_KIND;

    private final Vertx vertx;
    private final ReferenceStore store;

    public CallRecords(Vertx vertx, ReferenceStore store) {
        this.vertx = vertx;
        this.store = store;
    }

    public Future<Void> save(CallRecord record) {
        return store.put(KIND, record.contactId(), record)
                .onSuccess(v -> vertx.eventBus().publish(TelephonyAddresses.CALL_ENDED, record));
    }

    public Future<Optional<CallRecord>> byContact(String contactId) {
        return store.get(KIND, contactId, CallRecord.class);
    }
}
