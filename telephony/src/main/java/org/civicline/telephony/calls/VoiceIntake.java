package org.civicline.telephony.calls;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.civicline.core.metrics.IntakeMeters;
import org.civicline.core.metrics.Metrics;
import org.civicline.core.model.CallReference;
import org.civicline.core.model.Channel;
import org.civicline.core.model.Citizen;
import org.civicline.core.model.Contact;
import org.civicline.core.model.Priority;
import org.civicline.core.routing.ContactAbandoned;
import org.civicline.core.routing.ContactFinished;
import org.civicline.core.routing.ContactQueued;
import org.civicline.core.routing.EnqueueContact;
import org.civicline.core.routing.QueueEntrance;
import org.civicline.core.routing.RoutingAddresses;
import org.civicline.core.routing.RoutingNeeds;
import org.civicline.core.store.CitizenStore;
import org.civicline.core.store.ContactStore;
import org.civicline.telephony.OneTouchDevices;
import org.civicline.telephony.TelephonyConfig;

/**
 * Turns a call waiting in the PBX (Asterisk or Twilio) into a voice contact in the one queue, and reports what
 * becomes of it. The contact is stored before it is queued; the PBX's call id is the idempotency key, so a replayed
 * event or a reconciliation after reconnect finds the same contact and the router sees it as already queued.
 */
public final class VoiceIntake {
    private static final DeliveryOptions BUS = new DeliveryOptions().setSendTimeout(10_000);

    private final Vertx vertx;
    private final TelephonyConfig config;
    private final ContactStore contacts;
    private final CitizenStore citizens;
    private final OneTouchDevices devices;
    private final IntakeMeters meters;
    /** Keeps asking while the router moves to another node: a call taken in during a take-over still waits in line. */
    private final QueueEntrance entrance;

    public VoiceIntake(Vertx vertx, TelephonyConfig config, ContactStore contacts, CitizenStore citizens,
                       OneTouchDevices devices) {
        this.vertx = vertx;
        this.config = config;
        this.contacts = contacts;
        this.citizens = citizens;
        this.devices = devices;
        this.meters = IntakeMeters.of(Metrics.registry(vertx));
        this.entrance = new QueueEntrance(vertx, BUS.getSendTimeout());
    }

    /** The intake meters every channel shares; the AMI adapter times Newchannel → queued into them. */
    public IntakeMeters meters() {
        return meters;
    }

    /** A call as the PBX reports it; {@code callerNumber} null when withheld. */
    public record IncomingCall(String idempotencyKey, String uniqueId, String linkedId, String line,
                               String callerNumber, String ivrChoice, Instant startedAt) {
    }

    /** The stored contact, whether the router took it in now (not already queued), and the router's answer. */
    public record Queued(Contact contact, boolean queuedNow, ContactQueued queued) {
    }

    /**
     * Stores the contact, tells {@code stored} (before the router can possibly assign it), then queues it.
     */
    public Future<Queued> enqueue(IncomingCall call, java.util.function.Consumer<Contact> stored) {
        return enqueueAfter(call, contact -> {
            stored.accept(contact);
            return Future.succeededFuture();
        });
    }

    /** As {@link #enqueue}, with {@code stored} done (e.g. the call noted in the store) before the router hears. */
    public Future<Queued> enqueueAfter(IncomingCall call, java.util.function.Function<Contact, Future<?>> stored) {
        TelephonyConfig.Line line = config.line(call.line());
        // A repeated delivery (reconnect, takeover) finds its contact: no second device lookup, no second contact.
        return contacts.findByIdempotencyKey(call.idempotencyKey())
                .compose(found -> found.isPresent() ? Future.succeededFuture(found.get())
                        : newContact(call, line).compose(contacts::add).map(saved -> {
                            if (saved.created()) {
                                meters.received(saved.contact().channel());
                            }
                            return saved.contact();
                        }))
                .compose(contact -> stored.apply(contact).compose(noted ->
                        entrance.enqueue(new EnqueueContact(contact, needs(line, call.ivrChoice())))
                                .map(queued -> new Queued(contact, !queued.alreadyQueued(), queued))));
    }

    /** The contact for a new call: a one-touch device's call is an EMERGENCY alarm, else the line's channel. */
    private Future<Contact> newContact(IncomingCall call, TelephonyConfig.Line line) {
        Channel lineChannel = line == null ? Channel.HOTLINE_12345 : line.channel();
        Priority linePriority = line == null ? Priority.NORMAL : line.priority();
        Future<Boolean> device = call.callerNumber() == null ? Future.succeededFuture(false)
                : devices.isDevice(call.callerNumber(), call.uniqueId(), call.startedAt()).otherwise(false);
        Future<Optional<Citizen>> citizen = call.callerNumber() == null ? Future.succeededFuture(Optional.empty())
                : citizens.findByPhone(call.callerNumber()).otherwise(Optional.empty());
        return Future.all(device, citizen).map(found -> {
            boolean alarm = device.result();
            return new Contact(null, alarm ? Channel.ONE_TOUCH : lineChannel,
                    citizen.result().map(Citizen::id).orElse(null), call.callerNumber(), call.startedAt(), null,
                    new CallReference(call.uniqueId(), call.linkedId(), call.line(), call.ivrChoice()), null,
                    alarm ? Priority.EMERGENCY : linePriority, call.idempotencyKey(), List.of(), null);
        });
    }

    /** The line's skills and the IVR choice's skill are preferred; after the overflow time any agent will do. */
    private RoutingNeeds needs(TelephonyConfig.Line line, String ivrChoice) {
        List<String> preferred = new java.util.ArrayList<>(line == null ? List.of() : line.skills());
        String chosen = ivrChoice == null ? null : config.ivrSkills().get(ivrChoice);
        if (chosen != null) {
            preferred.add(chosen);
        }
        return preferred.isEmpty() ? RoutingNeeds.anyAgent() : RoutingNeeds.of(preferred, List.of());
    }

    public Future<Optional<Contact>> findByKey(String idempotencyKey) {
        return contacts.findByIdempotencyKey(idempotencyKey);
    }

    /** The caller hung up while waiting; the router turns it into a callback unless the number is withheld. */
    public Future<Void> abandon(String contactId, Instant at, String callerNumber) {
        return vertx.eventBus().request(RoutingAddresses.ABANDON, new ContactAbandoned(contactId, at, callerNumber), BUS)
                .mapEmpty();
    }

    /** The call with the agent ended; the agent's wrap-up starts. */
    public Future<Void> finish(String contactId, String agentId) {
        return vertx.eventBus().request(RoutingAddresses.FINISH, new ContactFinished(contactId, agentId), BUS)
                .mapEmpty();
    }
}
