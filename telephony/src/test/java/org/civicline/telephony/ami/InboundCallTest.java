package org.civicline.telephony.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicline.telephony.ami.Harness.await;
import static org.civicline.telephony.ami.Harness.next;

import org.civicline.core.model.Channel;
import org.civicline.core.model.Contact;
import org.civicline.core.model.Priority;
import org.civicline.core.routing.ContactAbandoned;
import org.civicline.core.routing.ContactAssigned;
import org.civicline.core.routing.EnqueueContact;
import org.civicline.core.routing.LiveCalls;
import org.civicline.core.routing.RoutingAddresses;
import org.civicline.core.telephony.CallRecord;
import org.civicline.telephony.TelephonyConfig;
import org.civicline.telephony.sandbox.SandboxCall;
import org.civicline.telephony.sandbox.SandboxPbx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Calls placed into the sandbox PBX reach the one queue through AMI over TCP, as Asterisk's would. */
class InboundCallTest {
    Harness h;

    @BeforeEach
    void start() throws Exception {
        h = new Harness(TelephonyConfig.AssignMode.REDIRECT);
        h.deployAdapter();
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    @Test
    void aCallTo12345BecomesAStoredQueuedContactWithCallerLineAndIvrChoice() throws Exception {
        SandboxCall call = await(h.pbx.call("13800138000", "12345", "2"));

        EnqueueContact asked = next(h.enqueued);
        Contact contact = asked.contact();
        assertThat(contact.id()).isNotBlank();
        assertThat(contact.channel()).isEqualTo(Channel.HOTLINE_12345);
        assertThat(contact.priority()).isEqualTo(Priority.NORMAL);
        assertThat(contact.sender()).isEqualTo("13800138000");
        assertThat(contact.idempotencyKey()).isEqualTo("ami:" + call.uniqueId());
        assertThat(contact.call().uniqueId()).isEqualTo(call.uniqueId());
        assertThat(contact.call().linkedId()).isEqualTo(call.linkedId());
        assertThat(contact.call().line()).isEqualTo("12345");
        assertThat(contact.call().ivrChoice()).isEqualTo("2");
        assertThat(asked.needs().steps()).containsExactly(java.util.List.of("lang:yue"), java.util.List.of());
        assertThat(await(h.stores.contacts().get(contact.id()))).contains(contact);
    }

    @Test
    void aCallTo8890WithoutAChoiceIsQueuedOnThe8890Line() throws Exception {
        await(h.pbx.call("02161234567", "8890", null));

        Contact contact = next(h.enqueued).contact();
        assertThat(contact.channel()).isEqualTo(Channel.HOTLINE_8890);
        assertThat(contact.sender()).isEqualTo("02161234567");
        assertThat(contact.call().line()).isEqualTo("8890");
        assertThat(contact.call().ivrChoice()).isNull();
    }

    @Test
    void theElderlyLineIsUrgentAndARegisteredOneTouchDeviceIsAnEmergencyAlarm() throws Exception {
        await(h.pbx.call("13700000000", "12349", null));
        EnqueueContact elderlyAsk = next(h.enqueued);
        Contact elderly = elderlyAsk.contact();
        assertThat(elderlyAsk.needs().steps().get(0)).containsExactly("elderly");
        assertThat(elderly.channel()).isEqualTo(Channel.ELDER_12349);
        assertThat(elderly.priority()).isEqualTo(Priority.URGENT);

        await(h.pbx.call(Harness.DEVICE_NUMBER, "12349", null));
        Contact alarm = next(h.enqueued).contact();
        assertThat(alarm.channel()).isEqualTo(Channel.ONE_TOUCH);
        assertThat(alarm.priority()).isEqualTo(Priority.EMERGENCY);
        assertThat(alarm.call().line()).isEqualTo("12349");
    }

    @Test
    void theDeviceRegistryIsAskedAboutCallersAndItsYesMakesAnAlarm() throws Exception {
        java.util.concurrent.BlockingQueue<org.civicline.core.bus.OneTouchCallLookup> asked =
                new java.util.concurrent.LinkedBlockingQueue<>();
        h.vertx.eventBus().<org.civicline.core.bus.OneTouchCallLookup>consumer(
                org.civicline.core.bus.OneTouchCallLookup.ADDRESS, m -> {
                    asked.add(m.body());
                    m.reply("13600000009".equals(m.body().callerNumber()));
                });

        SandboxCall device = await(h.pbx.call("13600000009", "12345", null));
        Contact alarm = next(h.enqueued).contact();
        assertThat(alarm.channel()).isEqualTo(Channel.ONE_TOUCH);
        assertThat(alarm.priority()).isEqualTo(Priority.EMERGENCY);
        var lookup = next(asked);
        assertThat(lookup.callerNumber()).isEqualTo("13600000009");
        assertThat(lookup.callId()).isEqualTo(device.uniqueId());

        await(h.pbx.call("13800138000", "12345", null));
        assertThat(next(h.enqueued).contact().channel()).isEqualTo(Channel.HOTLINE_12345);
        assertThat(next(asked).callerNumber()).isEqualTo("13800138000");
    }

    @Test
    void assignmentRedirectsTheCallToTheAgentsExtensionAndTheEndIsRecorded() throws Exception {
        SandboxCall call = await(h.pbx.call("13800138000", "12345", "1"));
        Contact contact = next(h.enqueued).contact();

        h.vertx.eventBus().publish(RoutingAddresses.ASSIGNED, new ContactAssigned(contact.id(), "agent-7", "PJSIP/8001",
                contact.channel(), contact.call(), false, null));

        var redirected = h.event(e -> "Newexten".equals(e.get("Event")) && call.channel().equals(e.get("Channel"))
                && "agents".equals(e.get("Context")));
        assertThat(redirected.get("Exten")).isEqualTo("8001");
        h.event(Harness.event("BridgeEnter", "PJSIP/8001-"));

        assertThat(await(h.pbx.agentHangsUp("8001"))).isTrue();
        assertThat(next(h.finished).agentId()).isEqualTo("agent-7");
        CallRecord record = next(h.callRecords);
        assertThat(record.contactId()).isEqualTo(contact.id());
        assertThat(record.outcome()).isEqualTo(CallRecord.Outcome.ANSWERED);
        assertThat(record.hangupSide()).isEqualTo(CallRecord.HangupSide.AGENT);
        assertThat(record.agentId()).isEqualTo("agent-7");
        assertThat(record.agentExtension()).isEqualTo("PJSIP/8001");
        assertThat(record.answeredAt()).isNotNull();
        assertThat(record.endedAt()).isAfterOrEqualTo(record.answeredAt());
        assertThat(record.recordingFile()).endsWith("12345-" + call.uniqueId() + ".wav");
        assertThat(h.abandoned).isEmpty();
        assertThat(await(h.records.byContact(contact.id()))).contains(record);
    }

    @Test
    void aCallerWhoHangsUpWhileWaitingIsAbandonedWithTheNumberForACallback() throws Exception {
        SandboxCall call = await(h.pbx.call("13800138000", "12345", null));
        Contact contact = next(h.enqueued).contact();

        await(h.pbx.hangUp(call.channel()));

        ContactAbandoned gone = next(h.abandoned);
        assertThat(gone.contactId()).isEqualTo(contact.id());
        assertThat(gone.callerNumber()).isEqualTo("13800138000");
        CallRecord record = next(h.callRecords);
        assertThat(record.outcome()).isEqualTo(CallRecord.Outcome.ABANDONED);
        assertThat(record.hangupSide()).isEqualTo(CallRecord.HangupSide.CALLER);
        assertThat(record.answeredAt()).isNull();
        assertThat(record.queuedAt()).isNotNull();
        assertThat(h.finished).isEmpty();
    }

    @Test
    void aWithheldNumberIsAbandonedWithoutOne() throws Exception {
        SandboxCall call = await(h.pbx.call(null, "12345", null));
        Contact contact = next(h.enqueued).contact();
        assertThat(contact.sender()).isNull();

        await(h.pbx.hangUp(call.channel()));

        ContactAbandoned gone = next(h.abandoned);
        assertThat(gone.contactId()).isEqualTo(contact.id());
        assertThat(gone.callerNumber()).isNull();
    }

    @Test
    void theRoutersLiveCallCheckListsTheCallsThePbxHas() throws Exception {
        SandboxCall call = await(h.pbx.call("13800138000", "12345", null));
        next(h.enqueued);
        LiveCalls live = await(h.vertx.eventBus().<LiveCalls>request(RoutingAddresses.LIVE_CALLS, "")).body();
        assertThat(live.uniqueIds()).containsExactly(call.uniqueId());

        await(h.pbx.hangUp(call.channel()));
        next(h.abandoned);
        assertThat(await(h.vertx.eventBus().<LiveCalls>request(RoutingAddresses.LIVE_CALLS, "")).body().uniqueIds())
                .isEmpty();
    }

    @Test
    void aCallerWhoHangsUpInTheMenuIsNoContact() throws Exception {
        SandboxCall call = await(h.pbx.call("13800138000", "12345", SandboxPbx.LISTENS));
        await(h.pbx.hangUp(call.channel()));
        // Every event of that call has reached the adapter; nothing was queued, nothing is left over.
        await(h.adapter.settled());
        assertThat(h.enqueued).isEmpty();
        assertThat(h.abandoned).isEmpty();
        assertThat(await(h.stores.contacts().findByIdempotencyKey("ami:" + call.uniqueId()))).isEmpty();
        assertThat(await(h.vertx.eventBus().<LiveCalls>request(RoutingAddresses.LIVE_CALLS, "")).body().uniqueIds())
                .isEmpty();
    }

    @Test
    void aKeyPressedLaterInTheMenuIsTheChoice() throws Exception {
        SandboxCall call = await(h.pbx.call("13800138000", "8890", SandboxPbx.LISTENS));
        await(h.adapter.settled());
        assertThat(h.enqueued).isEmpty();

        await(h.pbx.pressDigit(call.channel(), "3"));
        Contact contact = next(h.enqueued).contact();
        assertThat(contact.call().ivrChoice()).isEqualTo("3");
    }
}
