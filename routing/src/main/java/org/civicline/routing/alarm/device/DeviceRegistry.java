package org.civicline.routing.alarm.device;

import io.vertx.core.Future;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.civicline.core.store.ReferenceStore;

/**
 * The registry of one-touch devices, kept in the reference store (shared by every node, Redis in production) with
 * an index by SIM number in memory. Used from one Vert.x context only.
 */
public final class DeviceRegistry {
    public static final String KIND = "one-touch-device";

    private final ReferenceStore store;
    private final Map<String, Device> byId = new TreeMap<>();
    private final Map<String, Device> bySim = new HashMap<>();

    public DeviceRegistry(ReferenceStore store) {
        this.store = store;
    }

    public Future<Void> load() {
        return store.list(KIND, Device.class).map(all -> {
            byId.clear();
            bySim.clear();
            all.forEach(this::index);
            return null;
        });
    }

    public Optional<Device> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Optional<Device> bySim(String number) {
        return Optional.ofNullable(number == null ? null : bySim.get(normalise(number)));
    }

    public Collection<Device> all() {
        return byId.values();
    }

    /** The SIM number is used by another device: a call from it would be two residents' alarm. */
    public Optional<String> simTakenBy(Device d) {
        Device other = bySim.get(normalise(d.simNumber()));
        return other == null || other.deviceId().equals(d.deviceId()) ? Optional.empty()
                : Optional.of(other.deviceId());
    }

    public Future<Device> put(Device d) {
        return store.put(KIND, d.deviceId(), d).map(v -> {
            byId(d.deviceId()).ifPresent(old -> bySim.remove(normalise(old.simNumber())));
            index(d);
            return d;
        });
    }

    /** Several at once (CSV import). */
    public Future<Integer> putAll(List<Device> devices) {
        Future<Device> chain = Future.succeededFuture();
        for (Device d : devices) {
            chain = chain.compose(v -> put(d));
        }
        return chain.map(v -> devices.size());
    }

    public Future<Boolean> remove(String id) {
        Device gone = byId.get(id);
        if (gone == null) {
            return Future.succeededFuture(false);
        }
        Map<String, Device> rest = new TreeMap<>(byId);
        rest.remove(id);
        // The reference store has no delete: the kind is written again without it.
        return store.replaceAll(KIND, rest).map(v -> {
            byId.remove(id);
            bySim.remove(normalise(gone.simNumber()));
            return true;
        });
    }

    private void index(Device d) {
        byId.put(d.deviceId(), d);
        bySim.put(normalise(d.simNumber()), d);
    }

    /** Caller IDs arrive with or without +86. */
    static String normalise(String number) {
        String digits = number.startsWith("+") ? number.substring(1) : number;
        return digits.startsWith("86") && digits.length() == 13 ? digits.substring(2) : digits;
    }
}
