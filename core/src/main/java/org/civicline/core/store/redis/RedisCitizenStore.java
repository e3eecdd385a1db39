package org.civicline.core.store.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.civicline.core.json.Jsons;
import org.civicline.core.model.Citizen;
import org.civicline.core.store.CitizenStore;
import org.civicline.core.store.Ids;

/** Citizens as JSON per id, plus one index key per channel address naming the citizen's id. */
final class RedisCitizenStore implements CitizenStore {
    private static final String PHONE = "phone";
    private static final String WECHAT = "wechat";
    private static final String APP = "app";

    // KEYS: citizen. ARGV: json, id, index prefix. The index kinds below must match PHONE, WECHAT, APP and the
    // fields Citizen's JSON names. An old address's index is dropped only if it still names this citizen: another
    // citizen may have claimed that phone since.
    private static final RedisScript PUT = new RedisScript("""
            local kinds = {'phone', 'wechat', 'app'}
            local fields = {'phone', 'wechatOpenId', 'appAccount'}
            local new = cjson.decode(ARGV[1])
            local oldJson = redis.call('GET', KEYS[1])
            if oldJson then
              local old = cjson.decode(oldJson)
              for i, field in ipairs(fields) do
                local was = old[field]
                if type(was) == 'string' and was ~= new[field] then
                  local index = ARGV[3] .. kinds[i] .. ':' .. was
                  if redis.call('GET', index) == ARGV[2] then redis.call('DEL', index) end
                end
              end
            end
            redis.call('SET', KEYS[1], ARGV[1])
            for i, field in ipairs(fields) do
              local now = new[field]
              if type(now) == 'string' then redis.call('SET', ARGV[3] .. kinds[i] .. ':' .. now, ARGV[2]) end
            end
            return 1
            """, ScriptOutputType.INTEGER);

    // KEYS: index of the address looked up, the newcomer's key. ARGV: newcomer json, newcomer id, citizen key prefix,
    // then every index the newcomer's addresses get. The id found, or the newcomer's once stored.
    private static final RedisScript REGISTER = new RedisScript("""
            local id = redis.call('GET', KEYS[1])
            if id and redis.call('EXISTS', ARGV[3] .. id) == 1 then return id end
            redis.call('SET', KEYS[2], ARGV[1])
            for i = 4, #ARGV do redis.call('SET', ARGV[i], ARGV[2]) end
            return ARGV[2]
            """, ScriptOutputType.VALUE);

    private final RedisAsyncCommands<String, String> redis;
    private final ContextBridge bridge;
    private final RedisKeys keys;

    RedisCitizenStore(RedisAsyncCommands<String, String> redis, ContextBridge bridge, RedisKeys keys) {
        this.redis = redis;
        this.bridge = bridge;
        this.keys = keys;
    }

    @Override
    public Future<Citizen> put(Citizen citizen) {
        Citizen stored = withId(citizen);
        return bridge.<Long>call("storing citizen " + stored.id(), () -> PUT.run(redis,
                        new String[] {keys.citizen(stored.id())}, Jsons.write(stored), stored.id(),
                        keys.citizenIndexPrefix()))
                .map(ok -> stored);
    }

    @Override
    public Future<String> idOrRegister(Citizen newcomer) {
        Citizen stored = withId(newcomer);
        List<String> args = new ArrayList<>(List.of(Jsons.write(stored), stored.id(), keys.citizen("")));
        String[][] addresses = {{PHONE, stored.phone()}, {WECHAT, stored.wechatOpenId()}, {APP, stored.appAccount()}};
        String lookedUp = null;
        for (String[] address : addresses) {
            if (address[1] != null) {
                String index = keys.citizenIndex(address[0], address[1]);
                lookedUp = lookedUp == null ? index : lookedUp;
                args.add(index);
            }
        }
        if (lookedUp == null) {
            return bridge.fail(new IllegalArgumentException("a newcomer needs a phone, WeChat openid or app account"));
        }
        String[] scriptKeys = {lookedUp, keys.citizen(stored.id())};
        return bridge.call("finding or registering a citizen", () -> REGISTER.run(redis, scriptKeys,
                args.toArray(String[]::new)));
    }

    @Override
    public Future<Optional<Citizen>> get(String id) {
        if (id == null) {
            return bridge.succeed(Optional.empty());
        }
        String key = keys.citizen(id);
        return bridge.call("reading citizen " + id, () -> redis.get(key))
                .map(json -> Optional.ofNullable(json).map(j -> StoredJson.read(j, Citizen.class, key)));
    }

    @Override
    public Future<Optional<Citizen>> findByPhone(String phone) {
        return find(PHONE, phone);
    }

    @Override
    public Future<Optional<Citizen>> findByWechatOpenId(String openId) {
        return find(WECHAT, openId);
    }

    @Override
    public Future<Optional<Citizen>> findByAppAccount(String account) {
        return find(APP, account);
    }

    private static Citizen withId(Citizen citizen) {
        return citizen.id() != null ? citizen : new Citizen(Ids.next("p", Instant.now()), citizen.phone(),
                citizen.wechatOpenId(), citizen.appAccount(), citizen.name(), citizen.address(),
                citizen.elderlyProfileId());
    }

    private Future<Optional<Citizen>> find(String kind, String value) {
        if (value == null) {
            return bridge.succeed(Optional.empty());
        }
        String index = keys.citizenIndex(kind, value);
        return bridge.<String>call("finding citizen by " + kind,
                        () -> RedisScript.FOLLOW_INDEX.run(redis, new String[] {index}, keys.citizen("")))
                .map(json -> Optional.ofNullable(json).map(j -> StoredJson.read(j, Citizen.class, index)));
    }
}
