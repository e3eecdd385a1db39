package org.civicline.core.store.memory;

import static io.vertx.core.Future.succeededFuture;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.civicline.core.model.Citizen;
import org.civicline.core.store.CitizenStore;
import org.civicline.core.store.Ids;

/** Citizens in memory, with one index per channel address. */
public final class MemoryCitizenStore implements CitizenStore {
    private final Map<String, Citizen> byId = new ConcurrentHashMap<>();

    @Override
    public synchronized Future<Citizen> put(Citizen citizen) {
        Citizen stored = citizen.id() != null ? citizen : new Citizen(Ids.next("p", Instant.now()), citizen.phone(),
                citizen.wechatOpenId(), citizen.appAccount(), citizen.name(), citizen.address(),
                citizen.elderlyProfileId());
        byId.put(stored.id(), stored);
        return succeededFuture(stored);
    }

    @Override
    public synchronized Future<String> idOrRegister(Citizen newcomer) {
        Optional<Citizen> known;
        if (newcomer.phone() != null) {
            known = find(Citizen::phone, newcomer.phone()).result();
        } else if (newcomer.wechatOpenId() != null) {
            known = find(Citizen::wechatOpenId, newcomer.wechatOpenId()).result();
        } else if (newcomer.appAccount() != null) {
            known = find(Citizen::appAccount, newcomer.appAccount()).result();
        } else {
            return Future.failedFuture(
                    new IllegalArgumentException("a newcomer needs a phone, WeChat openid or app account"));
        }
        return known.isPresent() ? succeededFuture(known.get().id()) : put(newcomer).map(Citizen::id);
    }

    @Override
    public Future<Optional<Citizen>> get(String id) {
        return succeededFuture(Optional.ofNullable(byId.get(id)));
    }

    @Override
    public Future<Optional<Citizen>> findByPhone(String phone) {
        return find(Citizen::phone, phone);
    }

    @Override
    public Future<Optional<Citizen>> findByWechatOpenId(String openId) {
        return find(Citizen::wechatOpenId, openId);
    }

    @Override
    public Future<Optional<Citizen>> findByAppAccount(String account) {
        return find(Citizen::appAccount, account);
    }

    private Future<Optional<Citizen>> find(Function<Citizen, String> address, String value) {
        if (value == null) {
            return succeededFuture(Optional.empty());
        }
        return succeededFuture(byId.values().stream().filter(c -> value.equals(address.apply(c))).findFirst());
    }
}
