package org.civicline.core.store;

import io.vertx.core.Future;
import java.util.Optional;
import org.civicline.core.model.Citizen;

/** Residents, found by any of their channel addresses. */
public interface CitizenStore {

    /** Stores or replaces a citizen (an id is given when absent); the address indexes follow the new values. */
    Future<Citizen> put(Citizen citizen);

    Future<Optional<Citizen>> get(String id);

    Future<Optional<Citizen>> findByPhone(String phone);

    Future<Optional<Citizen>> findByWechatOpenId(String openId);

    Future<Optional<Citizen>> findByAppAccount(String account);
}
