package org.civicline.channels.intake;

import io.vertx.core.Future;
import org.civicline.core.model.Citizen;
import org.civicline.core.store.CitizenStore;

/** Finds the resident behind a channel address, registering a new one the first time an address writes in. */
public final class Residents {
    private final CitizenStore citizens;

    public Residents(CitizenStore citizens) {
        this.citizens = citizens;
    }

    public Future<String> byWechat(String openId) {
        return citizens.idOrRegister(new Citizen(null, null, openId, null, null, null, null));
    }

    public Future<String> byPhone(String phone, String name) {
        return citizens.idOrRegister(new Citizen(null, phone, null, null, name, null, null));
    }
}
