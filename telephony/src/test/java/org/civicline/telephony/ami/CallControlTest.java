package org.civicline.telephony.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.civicline.telephony.ami.Harness.await;
import static org.civicline.telephony.ami.Harness.next;

import io.vertx.core.eventbus.ReplyException;
import java.util.concurrent.ExecutionException;
import org.civicline.core.model.Contact;
import org.civicline.core.routing.ContactAssigned;
import org.civicline.core.routing.RoutingAddresses;
import org.civicline.core.telephony.CallControl;
import org.civicline.core.telephony.CallControlDone;
import org.civicline.core.telephony.CallRecord;
import org.civicline.core.telephony.ClickToDial;
import org.civicline.core.telephony.TelephonyAddresses;
import org.civicline.telephony.TelephonyConfig;
import org.civicline.telephony.sandbox.AmiPacket;
import org.civicline.telephony.sandbox.SandboxCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The agent's call controls and click-to-dial, carried out by the PBX through AMI. */
class CallControlTest {
    Harness h;

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    private SandboxCall callWithAgent(String extension) throws Exception {
        SandboxCall call = await(h.pbx.call("13800138000", "12345", null));
        Contact contact = next(h.enqueued).contact();
        h.vertx.eventBus().publish(RoutingAddresses.ASSIGNED, new ContactAssigned(contact.id(), "agent-7", extension,
                contact.channel(), contact.call(), false, null));
        agentEntered = h.event(Harness.event("BridgeEnter", "PJSIP/" + extension + "-"));
        // The adapter has seen the agent join too, before the desk may act on the call.
        await(h.adapter.settled());
        contactId = contact.id();
        return call;
    }

    String contactId;
    AmiPacket agentEntered;

    private CallControlDone control(CallControl.Operation op, String target) throws Exception {
        return await(h.vertx.eventBus().<CallControlDone>request(TelephonyAddresses.CONTROL,
                new CallControl(contactId, op, target))).body();
    }

    @Test
    void holdUnholdTransferAndHangUp() throws Exception {
        h = new Harness(TelephonyConfig.AssignMode.REDIRECT);
        h.deployAdapter();
        SandboxCall call = callWithAgent("8001");

        assertThat(control(CallControl.Operation.HOLD, null).channel()).isEqualTo(call.channel());
        h.event(Harness.event("MusicOnHoldStart", call.channel()));

        control(CallControl.Operation.UNHOLD, null);
        h.event(Harness.event("BridgeEnter", "PJSIP/8001-"));

        control(CallControl.Operation.TRANSFER_TO_AGENT, "PJSIP/8002");
        h.event(Harness.event("BridgeEnter", "PJSIP/8002-"));
        // Handed over: the first agent is done with the call now, not when it ends.
        assertThat(next(h.finished).agentId()).isEqualTo("agent-7");

        control(CallControl.Operation.TRANSFER_TO_NUMBER, "12319");
        AmiPacket dialled = h.event(e -> "DialBegin".equals(e.get("Event")) && call.channel().equals(e.get("Channel")));
        assertThat(dialled.get("DialString")).isEqualTo("12319");

        control(CallControl.Operation.HANG_UP, null);
        CallRecord record = next(h.callRecords);
        assertThat(record.hangupSide()).isEqualTo(CallRecord.HangupSide.AGENT);
        assertThat(record.outcome()).isEqualTo(CallRecord.Outcome.ANSWERED);
        assertThat(record.agentId()).isEqualTo("agent-7");
        assertThat(record.agentExtension()).isEqualTo("PJSIP/trunk");
        assertThat(h.finished).isEmpty();
    }

    @Test
    void aConsultationHoldsTheCallerThenJoinsThemWithTheConsultedAgent() throws Exception {
        h = new Harness(TelephonyConfig.AssignMode.REDIRECT);
        h.deployAdapter();
        SandboxCall call = callWithAgent("8001");
        AmiPacket firstBridge = agentEntered;

        control(CallControl.Operation.CONSULT_AGENT, "8002");
        h.event(Harness.event("MusicOnHoldStart", call.channel()));
        AmiPacket consultation = h.event(Harness.event("BridgeEnter", "PJSIP/8002-"));
        assertThat(consultation.get("BridgeUniqueid")).isNotEqualTo(firstBridge.get("BridgeUniqueid"));
        assertThat(h.finished).isEmpty();

        control(CallControl.Operation.COMPLETE_TRANSFER, null);
        h.event(e -> "AttendedTransfer".equals(e.get("Event")));
        AmiPacket joined = h.event(Harness.event("BridgeEnter", "PJSIP/8002-"));
        assertThat(joined.get("BridgeUniqueid")).isEqualTo(firstBridge.get("BridgeUniqueid"));
        assertThat(next(h.finished).agentId()).isEqualTo("agent-7");

        await(h.pbx.hangUp(call.channel()));
        CallRecord record = next(h.callRecords);
        assertThat(record.hangupSide()).isEqualTo(CallRecord.HangupSide.CALLER);
        assertThat(record.agentExtension()).isEqualTo("PJSIP/8002");
        assertThat(h.finished).isEmpty();
    }

    @Test
    void aControlOnAnUnknownCallIsNotFoundAndABadTransferIsRefused() throws Exception {
        h = new Harness(TelephonyConfig.AssignMode.REDIRECT);
        h.deployAdapter();
        contactId = "no-such-contact";
        assertThatThrownBy(() -> control(CallControl.Operation.HANG_UP, null))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ReplyException.class)
                .satisfies(e -> assertThat(((ReplyException) e).failureCode()).isEqualTo(404));
        callWithAgent("8001");
        assertThatThrownBy(() -> control(CallControl.Operation.TRANSFER_TO_NUMBER, "rm -rf"))
                .cause().satisfies(e -> assertThat(((ReplyException) e).failureCode()).isEqualTo(400));
    }

    @Test
    void clickToDialRingsTheAgentThenTheResidentShowingTheHotlineNumber() throws Exception {
        h = new Harness(TelephonyConfig.AssignMode.REDIRECT);
        h.deployAdapter();
        CallControlDone done = await(h.vertx.eventBus().<CallControlDone>request(TelephonyAddresses.DIAL,
                new ClickToDial("c-1", "agent-7", "PJSIP/8003", "13800138000", null))).body();
        assertThat(done.channel()).isEqualTo("PJSIP/8003");

        AmiPacket agentLeg = h.event(Harness.event("Newchannel", "PJSIP/8003-"));
        assertThat(agentLeg.get("CallerIDNum")).isEqualTo("12345");
        AmiPacket residentLeg = h.event(e -> "DialBegin".equals(e.get("Event"))
                && e.get("Channel") != null && e.get("Channel").startsWith("PJSIP/8003-"));
        assertThat(residentLeg.get("DialString")).isEqualTo("13800138000");
        h.event(Harness.event("BridgeEnter", "PJSIP/trunk-"));
    }

    @Test
    void aCallbackAssignedByTheRouterRingsTheAgentThenTheResident() throws Exception {
        h = new Harness(TelephonyConfig.AssignMode.REDIRECT);
        h.deployAdapter();
        h.vertx.eventBus().publish(RoutingAddresses.ASSIGNED, new ContactAssigned("c-cb", "agent-9", "PJSIP/8004",
                org.civicline.core.model.Channel.HOTLINE_8890,
                new org.civicline.core.model.CallReference("old-call", "old-call", "8890", null), true, "13912345678"));

        AmiPacket agentLeg = h.event(Harness.event("Newchannel", "PJSIP/8004-"));
        assertThat(agentLeg.get("CallerIDNum")).isEqualTo("8890");
        AmiPacket resident = h.event(e -> "DialBegin".equals(e.get("Event")) && e.get("Channel") != null
                && e.get("Channel").startsWith("PJSIP/8004-"));
        assertThat(resident.get("DialString")).isEqualTo("13912345678");
    }

    @Test
    void inOriginateModeTheAgentIsRungFirstAndBridgedWithTheCaller() throws Exception {
        h = new Harness(TelephonyConfig.AssignMode.ORIGINATE);
        h.deployAdapter();
        SandboxCall call = callWithAgent("8001");
        h.event(Harness.event("BridgeEnter", call.channel()));

        await(h.pbx.hangUp(call.channel()));
        CallRecord record = next(h.callRecords);
        assertThat(record.outcome()).isEqualTo(CallRecord.Outcome.ANSWERED);
        assertThat(record.hangupSide()).isEqualTo(CallRecord.HangupSide.CALLER);
    }
}
