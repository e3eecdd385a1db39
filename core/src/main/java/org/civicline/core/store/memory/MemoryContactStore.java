package org.civicline.core.store.memory;

import static io.vertx.core.Future.succeededFuture;

import org.civicline.core.store.LostRaceException;
import java.util.function.UnaryOperator;
import java.util.Objects;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.civicline.core.model.Contact;
import org.civicline.core.store.ContactStore;
import org.civicline.core.store.Ids;
import org.civicline.core.store.StoredContact;

/** Contacts in memory: the embedded default, lost on restart. */
public final class MemoryContactStore implements ContactStore {
    private final Map<String, Contact> byId = new ConcurrentHashMap<>();
    private final Map<String, String> idByKey = new ConcurrentHashMap<>();
    private final Map<String, List<String>> idsBySender = new ConcurrentHashMap<>();

    @Override
    public synchronized Future<StoredContact> add(Contact contact) {
        String existing = idByKey.get(contact.idempotencyKey());
        if (existing != null) {
            return succeededFuture(new StoredContact(byId.get(existing), false));
        }
        Contact stored = contact.withId(Ids.next("c", contact.receivedAt()));
        byId.put(stored.id(), stored);
        idByKey.put(stored.idempotencyKey(), stored.id());
        if (stored.sender() != null) {
            idsBySender.computeIfAbsent(stored.sender(), s -> new ArrayList<>()).add(stored.id());
        }
        return succeededFuture(new StoredContact(stored, true));
    }

    @Override
    public Future<Optional<Contact>> get(String id) {
        return succeededFuture(Optional.ofNullable(byId.get(id)));
    }

    @Override
    public Future<Optional<Contact>> findByIdempotencyKey(String idempotencyKey) {
        return succeededFuture(Optional.ofNullable(idByKey.get(idempotencyKey)).map(byId::get));
    }

    @Override
    public synchronized Future<List<Contact>> recentBySender(String sender, int limit) {
        if (sender == null || limit <= 0) {
            return succeededFuture(List.of());
        }
        return succeededFuture(idsBySender.getOrDefault(sender, List.of()).stream().map(byId::get)
                .sorted(Comparator.comparing(Contact::receivedAt).thenComparing(Contact::id).reversed())
                .limit(limit).toList());
    }

    /** Names {@code caseNumber} on the contact when it is stored and names no case yet. */
    synchronized void linkCase(String id, String caseNumber) {
        byId.computeIfPresent(id, (key, contact) -> contact.caseNumber() == null
                ? contact.withCaseNumber(caseNumber) : contact);
    }

    @Override
    public Future<Optional<Contact>> change(String id, UnaryOperator<Contact> change) {
        for (int attempt = 0; attempt < LostRaceException.ATTEMPTS; attempt++) {
            Contact before = id == null ? null : byId.get(id);
            if (before == null) {
                return succeededFuture(Optional.empty());
            }
            Contact after = change.apply(before);
            if (!Objects.equals(after.id(), before.id())
                    || !Objects.equals(after.idempotencyKey(), before.idempotencyKey())) {
                return Future.failedFuture(
                        new IllegalArgumentException("a change may not alter a contact's id or idempotency key"));
            }
            if (byId.replace(id, before, after)) {
                return succeededFuture(Optional.of(after));
            }
        }
        return Future.failedFuture(new LostRaceException("contact " + id));
    }
}
