package org.civicline.routing.alarm;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.civicline.core.PhoneMask;
import org.civicline.core.bus.Addresses;
import org.civicline.core.bus.CaseChanged;
import org.civicline.core.bus.CreateCaseRequest;
import org.civicline.core.bus.DispatchToGrid;
import org.civicline.core.bus.FailureCodes;
import org.civicline.core.bus.GridTaskChanged;
import org.civicline.core.bus.OneTouchCallLookup;
import org.civicline.core.bus.SendNotice;
import org.civicline.core.json.Jsons;
import org.civicline.core.metrics.IntakeMeters;
import org.civicline.core.metrics.Metrics;
import org.civicline.core.model.Channel;
import org.civicline.core.model.Contact;
import org.civicline.core.model.GeoPoint;
import org.civicline.core.model.Priority;
import org.civicline.core.routing.ContactAssigned;
import org.civicline.core.routing.ContactQueued;
import org.civicline.core.routing.EnqueueContact;
import org.civicline.core.routing.OfferMade;
import org.civicline.core.routing.RoutingAddresses;
import org.civicline.core.routing.RoutingNeeds;
import org.civicline.core.routing.SupervisorAlert;
import org.civicline.core.store.ContactStore;
import org.civicline.core.store.Fence;
import org.civicline.core.workflow.Case;
import org.civicline.routing.alarm.device.Device;
import org.civicline.routing.alarm.device.DeviceRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-touch alarm desk on one Vert.x context. An SOS, a fall or a call from a device: an EMERGENCY contact in the
 * one queue for the elderly-line agents (unless telephony already queued the call), a case, the nearest grid worker
 * dispatched and the family told by SMS, all at once; supervisors alerted while no agent has answered. Battery and
 * heartbeat reports become care tasks for the resident's grid worker. Every step goes on the alarm's timeline.
 */
public final class AlarmDesk extends AbstractVerticle {
    private static final Logger LOG = LoggerFactory.getLogger(AlarmDesk.class);
    private static final DeliveryOptions BUS = new DeliveryOptions().setSendTimeout(10_000);
    static final String ACTOR = "one-touch";
    static final String CATEGORY = "0902";
    static final int MAX_ESCALATIONS = 10;
    /** Closed alarms kept for the timeline API; older ones are dropped (the case keeps the record). */
    static final int KEEP_CLOSED = 10_000;

    private final AlarmConfig config;
    private final Clock clock;
    private final ContactStore contacts;
    private final DeviceRegistry registry;
    private final org.civicline.core.store.ReferenceStore referenceStore;
    private final List<Device> seed;
    private final Fence fence;
    private final Map<String, Alarm> alarms = new LinkedHashMap<>();
    private final Map<String, Alarm> openByDevice = new HashMap<>();
    private long sequence;
    private long timerId = -1;
    private long timerDue = Long.MAX_VALUE;
    private boolean storeScheduled;
    private Future<Void> storing = Future.succeededFuture();
    private IntakeMeters meters;
    /** Reference-store kind of the open alarms. */
    static final String OPEN_ALARMS = "one-touch-alarm";

    /**
     * @param store where open alarms are kept (the registry's store)
     * @param seed  devices to register when the registry is empty (the demo residents)
     */
    public AlarmDesk(AlarmConfig config, Clock clock, ContactStore contacts, DeviceRegistry registry,
                     org.civicline.core.store.ReferenceStore store, List<Device> seed) {
        this(config, clock, contacts, registry, store, seed, null);
    }

    /**
     * As the cluster's one alarm desk ({@code SingletonDeployer}): open alarms are written under {@code fence}, and a
     * refused write (a newer desk runs elsewhere) stops this one.
     */
    public AlarmDesk(AlarmConfig config, Clock clock, ContactStore contacts, DeviceRegistry registry,
                     org.civicline.core.store.ReferenceStore store, List<Device> seed, Fence fence) {
        this.fence = fence;
        this.config = config;
        this.clock = clock;
        this.contacts = contacts;
        this.registry = registry;
        this.referenceStore = store;
        this.seed = List.copyOf(seed);
    }

    @Override
    public void start(Promise<Void> started) {
        meters = IntakeMeters.of(Metrics.registry(vertx));
        registry.load().compose(v -> registry.all().isEmpty() && !seed.isEmpty()
                ? registry.putAll(seed).<Void>mapEmpty() : Future.<Void>succeededFuture())
                .compose(v -> referenceStore.list(OPEN_ALARMS, Alarm.Stored.class)).onSuccess(open -> {
            restore(open);
            var bus = vertx.eventBus();
            // Cluster-wide: every node's alarm and device API reaches the one desk, wherever it runs.
            bus.<String>consumer(AlarmRequests.RAISE, m -> answerLater(m, AlarmRequests.Raise.class,
                    r -> raise(r.report(), r.gateway())));
            bus.<String>consumer(AlarmRequests.DEVICES, m -> answerLater(m, AlarmRequests.DeviceCommand.class,
                    new DeviceCommands(vertx, registry)::run));
            bus.<String>consumer(AlarmRequests.QUERY, m -> answerLater(m, AlarmRequests.Query.class,
                    q -> Future.succeededFuture(query(q))));
            bus.<String>localConsumer(AlarmRequests.TICK, m -> {
                escalate();
                m.reply("ok");
            });
            bus.<OneTouchCallLookup>consumer(OneTouchCallLookup.ADDRESS, this::call);
            bus.<OfferMade>consumer(RoutingAddresses.OFFER_MADE, m -> offered(m.body()));
            bus.<ContactAssigned>consumer(RoutingAddresses.ASSIGNED, m -> answered(m.body()));
            bus.<GridTaskChanged>consumer(GridTaskChanged.ADDRESS, m -> field(m.body()));
            bus.<CaseChanged>consumer(Addresses.CASE_CHANGED, m -> caseChanged(m.body().current()));
            started.complete();
        }).onFailure(started::fail);
    }

    /** Open alarms stored before a restart come back with their timelines and escalation times. */
    private void restore(List<Alarm.Stored> open) {
        for (Alarm.Stored stored : open) {
            Alarm a = Alarm.of(stored);
            if (!a.closed) {
                alarms.put(a.id, a);
                openByDevice.put(a.deviceId, a);
                sequence++;
            }
        }
        if (!open.isEmpty()) {
            LOG.info("took back {} open alarms from the store", open.size());
        }
        rearm();
    }

    /** Adds to the timeline; every change of an alarm comes with a line, so this is also where it is stored. */
    private void note(Alarm alarm, Instant at, String what, String detail) {
        alarm.note(at, what, detail);
        if (!storeScheduled) {
            // One write for all the changes of this turn of the event loop; writes go out one after the other.
            storeScheduled = true;
            vertx.runOnContext(v -> {
                storeScheduled = false;
                Map<String, Alarm.Stored> stillOpen = new java.util.TreeMap<>();
                alarms.values().stream().filter(a -> !a.closed).forEach(a -> stillOpen.put(a.id, a.stored()));
                storing = storing.compose(done -> fence == null ? referenceStore.replaceAll(OPEN_ALARMS, stillOpen)
                                : referenceStore.replaceAll(OPEN_ALARMS, stillOpen, fence))
                        .recover(e -> {
                            if (e instanceof org.civicline.core.store.FencedOffException) {
                                org.civicline.core.cluster.SingletonDeployer.deposed(vertx, fence);
                            }
                            LOG.warn("open alarms not stored: {}", e.getMessage());
                            return Future.succeededFuture();
                        });
            });
        }
    }

    /** Telephony's hook: a call from a registered device is an alarm; telephony queues the call itself. */
    private void call(Message<OneTouchCallLookup> message) {
        OneTouchCallLookup lookup = message.body();
        Optional<Device> device = registry.bySim(lookup.callerNumber());
        message.reply(device.isPresent());
        device.ifPresent(d -> raise(new AlarmReport(d.deviceId(), AlarmType.CALL, lookup.at(), null, null,
                lookup.callId()), "telephony"));
    }

    /** Replies once the alarm is stored and queued; a repeat within the join window joins the open alarm. */
    Future<Map<String, Object>> raise(AlarmReport report, String source) {
        Device device = registry.byId(report.deviceId()).orElseThrow(() -> new Refused(FailureCodes.NOT_FOUND,
                "deviceId", "no registered device '" + report.deviceId() + "'"));
        Instant now = clock.instant();
        Alarm open = openByDevice.get(device.deviceId());
        if (open != null && !open.closed && open.type.emergency() == report.type().emergency()
                && !open.lastReportAt.plus(Duration.ofMinutes(config.joinWindowMinutes())).isBefore(now)) {
            open.reports++;
            open.lastReportAt = now;
            note(open, now, "REPEATED", report.type() + " from " + source);
            return Future.succeededFuture(reply(open, true));
        }
        GeoPoint place = report.longitude() != null && report.latitude() != null
                ? new GeoPoint(report.longitude(), report.latitude()) : device.location();
        Alarm alarm = new Alarm("al-" + Long.toString(now.toEpochMilli(), 36) + "-" + (++sequence), device.deviceId(),
                device.simNumber(), report.type(), now, place);
        alarms.put(alarm.id, alarm);
        openByDevice.put(device.deviceId(), alarm);
        note(alarm, now, "RECEIVED", report.type() + " " + report.type().chinese() + " from " + source
                + (report.at() == null ? "" : ", raised at " + report.at()));
        if (!report.type().emergency()) {
            openCase(alarm, device, Priority.LOW);
            return Future.succeededFuture(reply(alarm, false));
        }
        alarm.nextEscalation = now.plusSeconds(config.answerSeconds());
        rearm();
        openCase(alarm, device, Priority.EMERGENCY);
        tellFamily(alarm, device);
        if (report.type() == AlarmType.CALL) {
            return Future.succeededFuture(reply(alarm, false)); // the call is the contact
        }
        return queue(alarm, device, report).map(v -> reply(alarm, false));
    }

    private Future<Void> queue(Alarm alarm, Device device, AlarmReport report) {
        String key = "alarm:" + device.deviceId() + ":" + (report.eventId() != null ? report.eventId()
                : String.valueOf(report.at() != null ? report.at() : alarm.receivedAt));
        Contact contact = new Contact(null, Channel.ONE_TOUCH, null, device.simNumber(), alarm.receivedAt,
                "【一键通·" + report.type().chinese() + "】" + device.profile(), null, alarm.place, Priority.EMERGENCY,
                key, List.of(), null);
        return contacts.add(contact).compose(stored -> {
            if (stored.created()) {
                meters.received(Channel.ONE_TOUCH);
            }
            alarm.contactId = stored.contact().id();
            alarm.contactIds.add(alarm.contactId);
            RoutingNeeds needs = RoutingNeeds.of(List.of(config.elderlySkill()), List.of());
            return vertx.eventBus().<ContactQueued>request(RoutingAddresses.ENQUEUE,
                    new EnqueueContact(stored.contact(), needs), BUS);
        }).map(queued -> {
            note(alarm, clock.instant(), "QUEUED", "contact " + alarm.contactId + ", " + queued.body().waiting()
                    + " waiting");
            return (Void) null;
        }).onFailure(e -> note(alarm, clock.instant(), "NOT_QUEUED", e.getMessage()));
    }

    private void openCase(Alarm alarm, Device device, Priority priority) {
        CreateCaseRequest request = new CreateCaseRequest(ACTOR, Channel.ONE_TOUCH, CATEGORY, priority, null,
                device.simNumber(), device.residentName(), alarm.contactId,
                "一键通" + alarm.type.chinese() + "（" + alarm.type + "）设备 " + device.deviceId() + "：" + device.profile(),
                device.address(), alarm.place, null, List.of());
        vertx.eventBus().<Case>request(Addresses.CASE_CREATE, request, BUS).compose(created -> {
            alarm.caseNumber = created.body().number();
            note(alarm, clock.instant(), "CASE_OPENED", alarm.caseNumber);
            boolean care = !alarm.type.emergency() && device.gridWorkerId() != null;
            DispatchToGrid dispatch = new DispatchToGrid(alarm.caseNumber, ACTOR,
                    alarm.type.emergency() ? DispatchToGrid.Mode.NEAREST
                            : care ? DispatchToGrid.Mode.PREFERRED : DispatchToGrid.Mode.GRID,
                    care ? device.gridWorkerId() : null,
                    (alarm.type.emergency() ? config.fieldResponseMinutes() : config.careResponseMinutes()) * 60,
                    null);
            return vertx.eventBus().<String>request(DispatchToGrid.ADDRESS, dispatch, BUS);
        }).onSuccess(task -> note(alarm, clock.instant(), "WORKER_DISPATCH", "grid task " + task.body()))
                .onFailure(e -> {
                    note(alarm, clock.instant(), "DISPATCH_FAILED", e.getMessage());
                    LOG.warn("alarm {}: case or dispatch failed: {}", alarm.id, e.getMessage());
                });
    }

    private void tellFamily(Alarm alarm, Device device) {
        String text = "【12349】您的家人" + device.residentName() + "的一键通设备发出" + alarm.type.chinese()
                + "报警，我们已联系网格员上门，请尽快与其联系。";
        for (Device.EmergencyContact family : device.emergencyContacts()) {
            String who = family.name() + " " + PhoneMask.mask(family.phone());
            vertx.eventBus().request(Addresses.NOTICE_SEND, new SendNotice(Channel.SMS, family.phone(), text,
                            "alarm-family", alarm.caseNumber), BUS)
                    .onSuccess(r -> {
                        // The SMS channel answers with its outbox entry; a vendor's refusal has status "failed".
                        String status = statusOf(r.body());
                        note(alarm, clock.instant(), status.equals("failed") ? "FAMILY_NOT_NOTIFIED" : "FAMILY_NOTIFIED",
                                who + (status.isEmpty() ? "" : " (" + status + ")"));
                    })
                    .onFailure(e -> note(alarm, clock.instant(), "FAMILY_NOT_NOTIFIED", who + ": " + e.getMessage()));
        }
    }

    /** The {@code status} of the SMS channel's answer: its outbox entry, as a record or as JSON text. */
    private static String statusOf(Object reply) {
        try {
            var tree = reply instanceof String text ? Jsons.mapper().readTree(text)
                    : Jsons.mapper().valueToTree(reply);
            return tree == null ? "" : tree.path("status").asText("");
        } catch (java.io.IOException | IllegalArgumentException e) {
            return "";
        }
    }

    private void offered(OfferMade offer) {
        Alarm alarm = byContact(offer.contactId()).orElse(null);
        if (alarm == null && offer.channel() == Channel.ONE_TOUCH) {
            // A device's call: telephony stored the contact, the offer tells us which one it is. A call that joined
            // an open SOS is one more contact of that alarm; whichever an agent answers answers the alarm.
            alarm = registry.bySim(offer.sender()).map(d -> openByDevice.get(d.deviceId()))
                    .filter(a -> !a.closed).orElse(null);
            if (alarm != null) {
                alarm.contactIds.add(offer.contactId());
                if (alarm.contactId == null) {
                    alarm.contactId = offer.contactId();
                }
            }
        }
        if (alarm != null) {
            note(alarm, clock.instant(), "OFFERED", "agent " + offer.agentId());
        }
    }

    private void answered(ContactAssigned assigned) {
        byContact(assigned.contactId()).filter(a -> a.answeredAt == null).ifPresent(a -> {
            a.answeredAt = clock.instant();
            a.agentId = assigned.agentId();
            a.nextEscalation = null;
            note(a, a.answeredAt, "ANSWERED", "agent " + assigned.agentId());
            rearm();
        });
    }

    private void field(GridTaskChanged change) {
        byCase(change.caseNumber()).ifPresent(a -> {
            note(a, clock.instant(), "WORKER_" + change.stage(), change.workerId()
                    + (change.distanceMeters() < 0 ? "" : " at " + Math.round(change.distanceMeters()) + " m"));
            if (change.stage().equals("ARRIVED") && a.workerArrivedAt == null) {
                a.workerArrivedAt = clock.instant();
            }
        });
    }

    private void caseChanged(Case c) {
        if (c.state().isOpen()) {
            return;
        }
        byCase(c.number()).filter(a -> !a.closed).ifPresent(a -> {
            a.closed = true;
            a.nextEscalation = null;
            note(a, clock.instant(), "CLOSED", c.state().display());
            openByDevice.remove(a.deviceId, a);
            forgetOldClosed();
        });
    }

    private void forgetOldClosed() {
        long closed = alarms.values().stream().filter(a -> a.closed).count();
        var it = alarms.values().iterator();
        while (closed > KEEP_CLOSED && it.hasNext()) {
            if (it.next().closed) {
                it.remove();
                closed--;
            }
        }
    }

    /** Supervisors hear of every emergency alarm that waits for an agent, again each answer period. */
    private void escalate() {
        Instant now = clock.instant();
        for (Alarm a : alarms.values()) {
            if (a.nextEscalation != null && !a.nextEscalation.isAfter(now)) {
                a.escalations++;
                long waited = Duration.between(a.receivedAt, now).toSeconds();
                note(a, now, "ESCALATED", "no agent answered in " + waited + " s; supervisors alerted");
                vertx.eventBus().publish(RoutingAddresses.SUPERVISOR_ALERT, new SupervisorAlert("ALARM_UNANSWERED",
                        a.contactId, null, "一键通" + a.type.chinese() + "报警已等待 " + waited + " 秒无人接听 (one-touch "
                        + a.type + " alarm of device " + a.deviceId + " unanswered for " + waited + " s)", now));
                a.nextEscalation = a.escalations >= MAX_ESCALATIONS ? null
                        : a.nextEscalation.plusSeconds(config.answerSeconds());
            }
        }
        rearm();
    }

    private Object query(AlarmRequests.Query q) {
        return switch (q.kind() == null ? "" : q.kind()) {
            case "alarm" -> Optional.ofNullable(alarms.get(q.id())).map(Alarm::view)
                    .orElseThrow(() -> new Refused(FailureCodes.NOT_FOUND, "id", "no alarm " + q.id()));
            case "open" -> alarms.values().stream().filter(a -> !a.closed).map(Alarm::view).toList();
            case "profile" -> registry.bySim(q.id())
                    .orElseThrow(() -> new Refused(FailureCodes.NOT_FOUND, "phone", "no device with that SIM"));
            default -> throw new Refused(FailureCodes.INVALID, "kind", "unknown query '" + q.kind() + "'");
        };
    }

    private Optional<Alarm> byContact(String contactId) {
        return contactId == null ? Optional.empty()
                : alarms.values().stream().filter(a -> a.contactIds.contains(contactId)).findFirst();
    }

    private Optional<Alarm> byCase(String caseNumber) {
        return caseNumber == null ? Optional.empty()
                : alarms.values().stream().filter(a -> caseNumber.equals(a.caseNumber)).findFirst();
    }

    private static Map<String, Object> reply(Alarm alarm, boolean joined) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("alarmId", alarm.id);
        body.put("joined", joined);
        body.put("type", alarm.type);
        return body;
    }

    private <T> void answerLater(Message<String> message, Class<T> type, Function<T, Future<?>> action) {
        Future<?> result;
        try {
            result = action.apply(Jsons.read(message.body(), type));
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        result.onSuccess(r -> message.reply(Jsons.write(r))).onFailure(e -> {
            if (e instanceof Refused r) {
                message.fail(r.code, r.code == FailureCodes.INVALID && r.problems != null ? Jsons.write(r.problems)
                        : r.code == FailureCodes.INVALID ? Jsons.write(List.of(Map.of("field", r.field,
                        "message", r.getMessage()))) : r.getMessage());
            } else {
                LOG.error("alarm desk request failed", e);
                message.fail(FailureCodes.UNAVAILABLE, e.getMessage());
            }
        });
    }

    private void rearm() {
        long due = alarms.values().stream().filter(a -> a.nextEscalation != null)
                .mapToLong(a -> a.nextEscalation.toEpochMilli()).min().orElse(Long.MAX_VALUE);
        if (due == timerDue && timerId >= 0) {
            return;
        }
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
        timerDue = due;
        if (due != Long.MAX_VALUE) {
            timerId = vertx.setTimer(Math.max(1, due - clock.millis()), id -> {
                timerId = -1;
                timerDue = Long.MAX_VALUE;
                escalate();
            });
        }
    }

    /** A request the desk will not do, with its failure code and the field (or list of problems) at fault. */
    static final class Refused extends RuntimeException {
        final int code;
        final String field;
        final List<Map<String, String>> problems;

        Refused(int code, String field, String message) {
            super(message);
            this.code = code;
            this.field = field;
            this.problems = null;
        }

        Refused(List<Map<String, String>> problems) {
            super(problems.toString());
            this.code = FailureCodes.INVALID;
            this.field = null;
            this.problems = new ArrayList<>(problems);
        }
    }
}
