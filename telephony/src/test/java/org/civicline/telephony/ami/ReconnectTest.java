package org.civicline.telephony.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicline.telephony.ami.Harness.await;
import static org.civicline.telephony.ami.Harness.next;

import java.time.Clock;
import org.civicline.core.model.Contact;
import org.civicline.core.routing.ContactAbandoned;
import org.civicline.core.telephony.CallRecord;
import org.civicline.telephony.TelephonyConfig;
import org.civicline.telephony.sandbox.SandboxCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The AMI socket dies mid-call; Asterisk-Java reconnects; the live channels are read again and reconciled. */
class ReconnectTest {
    Harness h;

    @BeforeEach
    void start() throws Exception {
        h = new Harness(TelephonyConfig.AssignMode.REDIRECT);
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    @Test
    void killingTheSocketMidCallLosesNoCallAndCreatesNoDuplicate() throws Exception {
        h.deployAdapter();
        SandboxCall waiting = await(h.pbx.call("13800138000", "12345", "3"));
        Contact first = next(h.enqueued).contact();

        await(h.pbx.dropClients());
        // Arrives while the adapter is disconnected: no event about it ever reaches the adapter.
        SandboxCall during = await(h.pbx.call("13911112222", "8890", "2"));

        Contact takenIn = next(h.enqueued).contact();
        assertThat(takenIn.call().uniqueId()).isEqualTo(during.uniqueId());
        assertThat(takenIn.sender()).isEqualTo("13911112222");
        assertThat(takenIn.call().line()).isEqualTo("8890");
        // Its menu choice was read back from the channel (GetVar): the VarSet event went nowhere.
        assertThat(takenIn.call().ivrChoice()).isEqualTo("2");
        assertThat(await(h.stores.contacts().findByIdempotencyKey("ami:" + waiting.uniqueId())))
                .hasValueSatisfying(c -> assertThat(c.id()).isEqualTo(first.id()));

        // The first call is still followed after the outage: its hangup abandons the same contact, queued once.
        await(h.pbx.hangUp(waiting.channel()));
        ContactAbandoned gone = next(h.abandoned);
        assertThat(gone.contactId()).isEqualTo(first.id());
        assertThat(h.enqueued).isEmpty();
    }

    @Test
    void aTestCallPlacedThroughALocalChannelStaysOneCallWhenAnotherAdapterTakesOver() throws Exception {
        java.util.concurrent.BlockingQueue<AmiVerticle> started = new java.util.concurrent.LinkedBlockingQueue<>();
        String firstId = h.deploySingleton(started);
        AmiVerticle first = next(started);
        await(first.ready());
        org.asteriskjava.manager.action.OriginateAction originate = new org.asteriskjava.manager.action.OriginateAction();
        originate.setChannel("Local/12345@from-pstn");
        originate.setApplication("Wait");
        originate.setData("600");
        originate.setCallerId("\"Test\" <13800000000>");
        originate.setAsync(true);
        await(first.client().send(originate));
        Contact contact = next(h.enqueued).contact();
        assertThat(contact.sender()).isEqualTo("13800000000");

        h.deploySingleton(started);
        await(h.vertx.undeploy(firstId));
        AmiVerticle second = next(started);
        await(second.ready());
        // Both halves of the Local pair show the hotline and Wait; only the ";2" half is the call.
        assertThat(next(h.enqueued).contact().id()).isEqualTo(contact.id());
        await(second.settled());
        assertThat(h.enqueued).isEmpty();
    }

    @Test
    void aCallThatEndedDuringTheOutageIsClosedAfterReconnect() throws Exception {
        h.deployAdapter();
        SandboxCall call = await(h.pbx.call("13800138000", "12345", null));
        Contact contact = next(h.enqueued).contact();

        await(h.pbx.dropClients());
        await(h.pbx.hangUp(call.channel()));

        ContactAbandoned gone = next(h.abandoned);
        assertThat(gone.contactId()).isEqualTo(contact.id());
        assertThat(gone.callerNumber()).isEqualTo("13800138000");
        CallRecord record = next(h.callRecords);
        assertThat(record.outcome()).isEqualTo(CallRecord.Outcome.ENDED_DURING_OUTAGE);
        assertThat(record.hangupSide()).isEqualTo(CallRecord.HangupSide.UNKNOWN);
    }

    @Test
    void theAdapterKeepsTryingUntilThePbxIsThere() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        TelephonyConfig.Ami later = new TelephonyConfig.Ami("127.0.0.1", port, "cc", "ccsecret", 5000, 50, 400);
        AmiVerticle adapter = new AmiVerticle(h.config, later, h.intake, h.records, Clock.systemUTC(),
                AmiVerticle.NO_OTHER_CALLS, "node-test");
        await(h.vertx.deployVerticle(adapter));
        assertThat(adapter.ready().isComplete()).isFalse();

        // The PBX comes up after the adapter: its first login attempts failed, a later one gets in.
        org.civicline.telephony.sandbox.SandboxPbx pbx = new org.civicline.telephony.sandbox.SandboxPbx(h.vertx,
                new org.civicline.telephony.sandbox.SandboxPbx.Settings("127.0.0.1", port, "cc", "ccsecret"),
                Clock.systemUTC());
        await(pbx.start());
        await(adapter.ready());
        await(pbx.call("13800138000", "12345", null));
        assertThat(next(h.enqueued).contact().call().line()).isEqualTo("12345");
        await(h.vertx.undeploy(adapter.deploymentID()));
        await(pbx.stop());
    }

    @Test
    void aSecondAdapterWaitsForTheLockAndTakesOverWithTheSameContacts() throws Exception {
        takeOver();
    }

    @Test
    void theTakeOverFindsTheContactsInRedisAsWell() throws Exception {
        h.close();
        h = new Harness(TelephonyConfig.AssignMode.REDIRECT, true);
        takeOver();
    }

    private void takeOver() throws Exception {
        java.util.concurrent.BlockingQueue<AmiVerticle> started = new java.util.concurrent.LinkedBlockingQueue<>();
        String firstId = h.deploySingleton(started);
        await(next(started).ready());
        String secondId = h.deploySingleton(started);
        assertThat(started).as("the second waits while the first holds the connection").isEmpty();

        SandboxCall call = await(h.pbx.call("13800138000", "12345", "1"));
        Contact contact = next(h.enqueued).contact();

        await(h.vertx.undeploy(firstId));
        await(next(started).ready());

        // Queued again by the new holder, under the same contact: the router answers "already queued".
        Contact again = next(h.enqueued).contact();
        assertThat(again.id()).isEqualTo(contact.id());
        assertThat(again.call().ivrChoice()).isEqualTo("1");

        await(h.pbx.hangUp(call.channel()));
        assertThat(next(h.abandoned).contactId()).isEqualTo(contact.id());
        assertThat(secondId).isNotBlank();
    }
}
