package org.civicline.core.store;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.civicline.core.model.Contact;

/** Where contacts are kept. Every future completes on the caller's Vert.x context. */
public interface ContactStore {

    /**
     * Stores a new contact and gives it an id. A contact whose idempotency key was stored before is not stored again:
     * the first one comes back with {@code created == false}.
     */
    Future<StoredContact> add(Contact contact);

    Future<Optional<Contact>> get(String id);

    Future<Optional<Contact>> findByIdempotencyKey(String idempotencyKey);

    /**
     * The contacts from one channel address (a phone number, a WeChat openid …, exactly as stored in
     * {@link Contact#sender()} when the contact was first stored), newest first by {@link Contact#receivedAt()}, at
     * most {@code limit}; each as it is stored now.
     */
    Future<List<Contact>> recentBySender(String sender, int limit);

    /**
     * Changes the stored contact {@code id} by {@code change}, applied to the contact as it is stored when the change
     * is written: when another writer (a message joining on another node) stored it in between, it is read and changed
     * again, up to {@link LostRaceException#ATTEMPTS} times. So two messages joining one contact on two nodes at once
     * both stay in its text. Empty when there is no such contact; {@code change} may not alter the id or the
     * idempotency key (IllegalArgumentException).
     */
    Future<Optional<Contact>> change(String id, UnaryOperator<Contact> change);
}
