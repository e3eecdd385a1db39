package org.civicline.routing.alarm;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.civicline.core.bus.FailureCodes;
import org.civicline.core.cases.ValidationException.Problem;
import org.civicline.routing.alarm.device.Device;
import org.civicline.routing.alarm.device.DeviceCsv;
import org.civicline.routing.alarm.device.DeviceRegistry;
import org.civicline.routing.alarm.device.DeviceValidation;

/** Create, read, replace, delete and CSV-import devices, with validation and unique SIM numbers. */
final class DeviceCommands {
    private final io.vertx.core.Vertx vertx;
    private final DeviceRegistry registry;

    DeviceCommands(io.vertx.core.Vertx vertx, DeviceRegistry registry) {
        this.vertx = vertx;
        this.registry = registry;
    }

    Future<?> run(AlarmRequests.DeviceCommand c) {
        if (c.op() == null) {
            throw new AlarmDesk.Refused(FailureCodes.INVALID, "op", "is required");
        }
        return switch (c.op()) {
            case LIST -> Future.succeededFuture(List.copyOf(registry.all()));
            case GET -> Future.succeededFuture(registry.byId(c.id()).orElseThrow(() -> notFound(c.id())));
            case CREATE -> {
                check(c.device());
                if (registry.byId(c.device().deviceId()).isPresent()) {
                    throw new AlarmDesk.Refused(FailureCodes.CONFLICT, "deviceId", "device " + c.device().deviceId()
                            + " is already registered");
                }
                yield registry.put(c.device());
            }
            case REPLACE -> {
                check(c.device());
                if (!c.device().deviceId().equals(c.id())) {
                    throw invalid(List.of(new Problem("deviceId", "must be the id in the path, '" + c.id() + "'")));
                }
                registry.byId(c.id()).orElseThrow(() -> notFound(c.id()));
                yield registry.put(c.device());
            }
            case DELETE -> registry.remove(c.id()).map(removed -> {
                if (!removed) {
                    throw notFound(c.id());
                }
                return Map.of("deleted", c.id());
            });
            // Parsing up to a megabyte of CSV is work for a worker thread, not the event loop.
            case IMPORT -> vertx.executeBlocking(() -> DeviceCsv.parse(c.csv() == null ? "" : c.csv()))
                    .compose(this::importCsv);
        };
    }

    /** All or nothing: one bad line and nothing is stored, every problem is listed. */
    private Future<Map<String, Integer>> importCsv(DeviceCsv.Parsed parsed) {
        List<Problem> problems = new ArrayList<>(parsed.problems());
        Map<String, String> simInFile = new HashMap<>();
        Map<String, Integer> idInFile = new HashMap<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        parsed.devices().forEach(d -> ids.add(d.deviceId()));
        for (int i = 0; i < parsed.devices().size(); i++) {
            Device d = parsed.devices().get(i);
            String previous = simInFile.putIfAbsent(d.simNumber(), d.deviceId());
            if (previous != null) {
                problems.add(new Problem("device " + d.deviceId() + ": simNumber", "also used by " + previous
                        + " in this file"));
            }
            if (idInFile.put(d.deviceId(), i) != null) {
                problems.add(new Problem("device " + d.deviceId() + ": deviceId", "listed twice in this file"));
            }
            registry.simTakenBy(d).filter(other -> !ids.contains(other))
                    .ifPresent(other -> problems.add(new Problem("device " + d.deviceId() + ": simNumber",
                            "already used by registered device " + other)));
        }
        if (!problems.isEmpty()) {
            return Future.failedFuture(invalid(problems));
        }
        return registry.putAll(parsed.devices()).map(n -> Map.of("imported", n));
    }

    private void check(Device d) {
        if (d == null) {
            throw invalid(List.of(new Problem("body", "expected a device")));
        }
        List<Problem> problems = new ArrayList<>(DeviceValidation.problems(d));
        if (problems.isEmpty()) {
            registry.simTakenBy(d).ifPresent(other -> problems.add(new Problem("simNumber",
                    "already used by device " + other)));
        }
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
    }

    private static AlarmDesk.Refused invalid(List<Problem> problems) {
        return new AlarmDesk.Refused(problems.stream().map(p -> Map.of("field", p.field(), "message", p.message()))
                .toList());
    }

    private static AlarmDesk.Refused notFound(String id) {
        return new AlarmDesk.Refused(FailureCodes.NOT_FOUND, "id", "no device " + id);
    }
}
