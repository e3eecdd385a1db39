package org.civicline.core.store.redis;

import org.civicline.core.store.LostRaceException;
import java.util.function.UnaryOperator;
import java.util.Objects;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import org.civicline.core.json.Jsons;
import org.civicline.core.model.Contact;
import org.civicline.core.store.ContactStore;
import org.civicline.core.store.Ids;
import org.civicline.core.store.StoredContact;

/**
 * Contacts as one JSON string per id, plus idempotency key → id and, per sender address, a sorted set of ids by
 * arrival; all written by one script.
 */
final class RedisContactStore implements ContactStore {
    // KEYS: key index, contact[, sender index]. ARGV: id, json, contact key prefix, arrival millis.
    // {1} stored, {0, json} an earlier delivery.
    private static final RedisScript ADD = new RedisScript("""
            local existing = redis.call('GET', KEYS[1])
            if existing then
              local json = redis.call('GET', ARGV[3] .. existing)
              if not json then
                return redis.error_reply('contact ' .. existing .. ' named by idempotency key ' .. KEYS[1] .. ' is missing')
              end
              return {0, json}
            end
            redis.call('SET', KEYS[2], ARGV[2])
            redis.call('SET', KEYS[1], ARGV[1])
            if KEYS[3] then redis.call('ZADD', KEYS[3], ARGV[4], ARGV[1]) end
            return {1}
            """, ScriptOutputType.MULTI);

    // KEYS: sender index. ARGV: contact key prefix, limit. The newest contacts' JSON, read in one step.
    private static final RedisScript BY_SENDER = new RedisScript("""
            local ids = redis.call('ZREVRANGE', KEYS[1], 0, tonumber(ARGV[2]) - 1)
            local found = {}
            for _, id in ipairs(ids) do
              local json = redis.call('GET', ARGV[1] .. id)
              if json then found[#found + 1] = json end
            end
            return found
            """, ScriptOutputType.MULTI);

    // KEYS: the contact. ARGV: the JSON as read, the JSON to store: written only over exactly what was read.
    private static final RedisScript SWAP = new RedisScript("""
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            redis.call('SET', KEYS[1], ARGV[2])
            return 1
            """, ScriptOutputType.INTEGER);

    private final RedisAsyncCommands<String, String> redis;
    private final ContextBridge bridge;
    private final RedisKeys keys;

    RedisContactStore(RedisAsyncCommands<String, String> redis, ContextBridge bridge, RedisKeys keys) {
        this.redis = redis;
        this.bridge = bridge;
        this.keys = keys;
    }

    @Override
    public Future<StoredContact> add(Contact contact) {
        Contact fresh = contact.withId(Ids.next("c", contact.receivedAt()));
        String keyIndex = keys.contactKey(contact.idempotencyKey());
        String[] scriptKeys = contact.sender() == null ? new String[] {keyIndex, keys.contact(fresh.id())}
                : new String[] {keyIndex, keys.contact(fresh.id()), keys.contactsBySender(contact.sender())};
        return bridge.<List<Object>>call("storing contact " + contact.idempotencyKey(), () -> ADD.run(redis,
                        scriptKeys, fresh.id(), Jsons.write(fresh), keys.contact(""),
                        Long.toString(fresh.receivedAt().toEpochMilli())))
                .map(reply -> ((Long) reply.get(0)) == 1L
                        ? new StoredContact(fresh, true)
                        : new StoredContact(StoredJson.read((String) reply.get(1), Contact.class, keyIndex), false));
    }

    @Override
    public Future<Optional<Contact>> get(String id) {
        if (id == null) {
            return bridge.succeed(Optional.empty());
        }
        String key = keys.contact(id);
        return bridge.call("reading contact " + id, () -> redis.get(key))
                .map(json -> Optional.ofNullable(json).map(j -> StoredJson.read(j, Contact.class, key)));
    }

    @Override
    public Future<Optional<Contact>> findByIdempotencyKey(String idempotencyKey) {
        String keyIndex = keys.contactKey(idempotencyKey);
        return bridge.<String>call("finding contact by idempotency key " + idempotencyKey,
                        () -> RedisScript.FOLLOW_INDEX.run(redis, new String[] {keyIndex}, keys.contact("")))
                .map(json -> Optional.ofNullable(json).map(j -> StoredJson.read(j, Contact.class, keyIndex)));
    }

    @Override
    public Future<List<Contact>> recentBySender(String sender, int limit) {
        if (sender == null || limit <= 0) {
            return bridge.succeed(List.of());
        }
        String index = keys.contactsBySender(sender);
        return bridge.<List<Object>>call("listing contacts of a sender", () -> BY_SENDER.run(redis,
                        new String[] {index}, keys.contact(""), Integer.toString(limit)))
                .map(found -> found.stream().map(json -> StoredJson.read((String) json, Contact.class, index))
                        .toList());
    }

    @Override
    public Future<Optional<Contact>> change(String id, UnaryOperator<Contact> change) {
        return id == null ? bridge.succeed(Optional.empty()) : change(id, change, 1);
    }

    private Future<Optional<Contact>> change(String id, UnaryOperator<Contact> change, int attempt) {
        String key = keys.contact(id);
        return bridge.call("reading contact " + id, () -> redis.get(key)).compose(json -> {
            if (json == null) {
                return Future.succeededFuture(Optional.<Contact>empty());
            }
            Contact before = StoredJson.read(json, Contact.class, key);
            Contact after = change.apply(before);
            if (!Objects.equals(after.id(), before.id())
                    || !Objects.equals(after.idempotencyKey(), before.idempotencyKey())) {
                return Future.failedFuture(
                        new IllegalArgumentException("a change may not alter a contact's id or idempotency key"));
            }
            return bridge.<Long>call("changing contact " + id,
                            () -> SWAP.run(redis, new String[] {key}, json, Jsons.write(after)))
                    .compose(swapped -> swapped == 1 ? Future.succeededFuture(Optional.of(after))
                            : attempt < LostRaceException.ATTEMPTS ? change(id, change, attempt + 1)
                            : Future.failedFuture(new LostRaceException("contact " + id)));
        });
    }
}
