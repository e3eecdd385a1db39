package org.civicline.routing.alarm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.civicline.core.model.GeoPoint;

/** One alarm of one device, with its timeline; owned by the alarm desk's context. */
final class Alarm {
    final String id;
    final String deviceId;
    final String simNumber;
    final AlarmType type;
    final Instant receivedAt;
    final GeoPoint place;
    final List<Entry> timeline = new ArrayList<>();
    Instant lastReportAt;
    int reports = 1;
    String contactId;
    /** Every contact of this alarm: the gateway's, and the device's calls that joined it. */
    final java.util.Set<String> contactIds = new java.util.LinkedHashSet<>();
    String caseNumber;
    String agentId;
    Instant answeredAt;
    Instant workerArrivedAt;
    Instant nextEscalation;
    int escalations;
    boolean closed;

    /** One line of the alarm timeline (received, offered, answered, worker dispatched, arrived, family, closed). */
    record Entry(Instant at, String what, String detail) {
    }

    Alarm(String id, String deviceId, String simNumber, AlarmType type, Instant receivedAt, GeoPoint place) {
        this.id = id;
        this.deviceId = deviceId;
        this.simNumber = simNumber;
        this.type = type;
        this.receivedAt = receivedAt;
        this.lastReportAt = receivedAt;
        this.place = place;
    }

    void note(Instant at, String what, String detail) {
        timeline.add(new Entry(at, what, detail));
    }

    /** The alarm as stored while it is open, so a restart takes it back with its escalation time. */
    record Stored(String id, String deviceId, String simNumber, AlarmType type, Instant receivedAt, GeoPoint place,
                  List<Entry> timeline, Instant lastReportAt, int reports, String contactId, List<String> contactIds,
                  String caseNumber, String agentId, Instant answeredAt, Instant workerArrivedAt,
                  Instant nextEscalation, int escalations, boolean closed) {
    }

    Stored stored() {
        return new Stored(id, deviceId, simNumber, type, receivedAt, place, List.copyOf(timeline), lastReportAt,
                reports, contactId, List.copyOf(contactIds), caseNumber, agentId, answeredAt, workerArrivedAt,
                nextEscalation, escalations, closed);
    }

    static Alarm of(Stored s) {
        Alarm a = new Alarm(s.id(), s.deviceId(), s.simNumber(), s.type(), s.receivedAt(), s.place());
        a.timeline.addAll(s.timeline());
        a.lastReportAt = s.lastReportAt();
        a.reports = s.reports();
        a.contactId = s.contactId();
        a.contactIds.addAll(s.contactIds());
        a.caseNumber = s.caseNumber();
        a.agentId = s.agentId();
        a.answeredAt = s.answeredAt();
        a.workerArrivedAt = s.workerArrivedAt();
        a.nextEscalation = s.nextEscalation();
        a.escalations = s.escalations();
        a.closed = s.closed();
        return a;
    }

    View view() {
        return new View(id, deviceId, type, type.chinese(), receivedAt, place, reports, contactId, caseNumber, agentId,
                seconds(answeredAt), seconds(workerArrivedAt), escalations, closed, List.copyOf(timeline));
    }

    private Long seconds(Instant at) {
        return at == null ? null : Duration.between(receivedAt, at).toSeconds();
    }

    /** The alarm as the desk and the supervisors see it, with the response times measured. */
    record View(String id, String deviceId, AlarmType type, String typeName, Instant receivedAt, GeoPoint place,
                int reports, String contactId, String caseNumber, String agentId, Long answeredAfterSeconds,
                Long workerArrivedAfterSeconds, int escalations, boolean closed, List<Entry> timeline) {
    }
}
