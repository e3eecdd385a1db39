package org.civicline.core.store;

import io.vertx.core.Future;
import java.util.Optional;
import org.civicline.core.model.Citizen;

/** Residents, found by any of their channel addresses. */
public interface CitizenStore {

    /** Stores or replaces a citizen (an id is given when absent); the address indexes follow the new values. */
    Future<Citizen> put(Citizen citizen);

    /**
     * The id of the citizen already known at {@code newcomer}'s first address (phone, else WeChat openid, else app
     * account), or else {@code newcomer}'s, stored now as a new citizen (an id is given when absent). One atomic step:
     * two messages from a new address on two nodes at once register one resident, and it costs one round trip.
     */
    Future<String> idOrRegister(Citizen newcomer);

    Future<Optional<Citizen>> get(String id);

    Future<Optional<Citizen>> findByPhone(String phone);

    Future<Optional<Citizen>> findByWechatOpenId(String openId);

    Future<Optional<Citizen>> findByAppAccount(String account);
}
