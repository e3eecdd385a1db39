package org.civicline.telephony.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.civicline.telephony.ami.Harness.await;
import static org.civicline.telephony.ami.Harness.next;

import io.vertx.core.eventbus.ReplyException;
import java.util.List;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.civicline.core.model.Contact;
import org.civicline.core.routing.ContactAssigned;
import org.civicline.core.routing.RoutingAddresses;
import org.civicline.core.telephony.CallControlDone;
import org.civicline.core.telephony.ListenIn;
import org.civicline.core.telephony.TelephonyAddresses;
import org.civicline.telephony.TelephonyConfig;
import org.civicline.telephony.sandbox.AmiPacket;
import org.civicline.telephony.sandbox.SandboxCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The supervisor's listen-in: AMI Originate of the supervisor's phone with Application ChanSpy, answered by the
 * sandbox PBX over real TCP the way Asterisk 22 does (OriginateResponse, ChanSpyStart, the spying channel in
 * CoreShowChannels), and refused when the agent has no call.
 */
class ListenInTest {
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

    private SandboxCall callWithAgent(String agentId, String extension) throws Exception {
        SandboxCall call = await(h.pbx.call("13800138000", "12345", null));
        Contact contact = next(h.enqueued).contact();
        h.vertx.eventBus().publish(RoutingAddresses.ASSIGNED, new ContactAssigned(contact.id(), agentId, extension,
                contact.channel(), contact.call(), false, null));
        h.event(Harness.event("BridgeEnter", "PJSIP/" + extension + "-"));
        await(h.adapter.settled());
        return call;
    }

    private CallControlDone listen(String agentId, String extension) throws Exception {
        return await(h.vertx.eventBus().<CallControlDone>request(TelephonyAddresses.LISTEN,
                new ListenIn(agentId, extension, "zhiban"))).body();
    }

    @Test
    void theSupervisorsPhoneSpiesOnTheAgentsChannelUntilTheCallEnds() throws Exception {
        SandboxCall call = callWithAgent("8001", "8001");

        CallControlDone done = listen("8001", "9001");
        assertThat(done.channel()).startsWith("PJSIP/9001-");

        AmiPacket originated = h.event(e -> "OriginateResponse".equals(e.get("Event")));
        assertThat(originated.get("Response")).isEqualTo("Success");
        assertThat(originated.get("Application")).isEqualTo("ChanSpy");
        assertThat(originated.get("Data")).isEqualTo("PJSIP/8001,qS");
        AmiPacket spying = h.event(e -> "ChanSpyStart".equals(e.get("Event")));
        assertThat(spying.get("SpyerChannel")).isEqualTo(done.channel());
        assertThat(spying.get("SpyeeChannel")).startsWith("PJSIP/8001-");

        // What an operator's "core show channels" would list: the supervisor's channel running ChanSpy.
        List<ResponseEvent> channels = await(h.adapter.client().list(new CoreShowChannelsAction()));
        CoreShowChannelEvent spy = channels.stream().filter(CoreShowChannelEvent.class::isInstance)
                .map(CoreShowChannelEvent.class::cast).filter(c -> done.channel().equals(c.getChannel()))
                .findFirst().orElseThrow();
        assertThat(spy.getApplication()).isEqualTo("ChanSpy");
        assertThat(spy.getApplicationdata()).isEqualTo("PJSIP/8001,qS");

        // The resident hangs up: the agent's channel goes, the spy stops, and with S the supervisor's call ends.
        await(h.pbx.hangUp(call.channel()));
        h.event(e -> "ChanSpyStop".equals(e.get("Event")) && done.channel().equals(e.get("SpyerChannel")));
        h.event(Harness.event("Hangup", done.channel()));
        assertThat(await(h.pbx.liveChannels())).doesNotContain(done.channel());
    }

    @Test
    void listeningToAnAgentWithoutACallIsRefusedBeforeAnyPhoneRings() throws Exception {
        assertThatThrownBy(() -> listen("8002", "9001")).cause().isInstanceOf(ReplyException.class)
                .satisfies(e -> {
                    assertThat(((ReplyException) e).failureCode()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("no live call");
                });
        assertThatThrownBy(() -> listen("8002", "9001; Dial(evil)")).cause()
                .satisfies(e -> assertThat(((ReplyException) e).failureCode()).isEqualTo(400));
        await(h.adapter.settled());
        assertThat(h.pbxEvents).noneMatch(e -> e.get("Channel") != null && e.get("Channel").startsWith("PJSIP/9001"));
    }

    @Test
    void theSandboxEndsAChanSpyWithNothingToSpyOnAtOnce() throws Exception {
        // Straight through Asterisk-Java, as any AMI client would send it: no call of agent 8005 exists.
        OriginateAction originate = new OriginateAction();
        originate.setChannel("PJSIP/9002");
        originate.setApplication("ChanSpy");
        originate.setData("PJSIP/8005,qS");
        originate.setTimeout(20_000L);
        originate.setAsync(true);
        List<ResponseEvent> events = await(h.adapter.client().list(originate, 10_000));
        OriginateResponseEvent response = events.stream().filter(OriginateResponseEvent.class::isInstance)
                .map(OriginateResponseEvent.class::cast).findFirst().orElseThrow();
        assertThat(response.getResponse()).isEqualTo("Success");

        h.event(e -> "Newexten".equals(e.get("Event")) && "AppDial2".equals(e.get("Application"))
                && response.getChannel().equals(e.get("Channel")));
        h.event(Harness.event("Hangup", response.getChannel()));
        assertThat(h.pbxEvents).noneMatch(e -> "ChanSpyStart".equals(e.get("Event")));
        assertThat(await(h.pbx.liveChannels())).doesNotContain(response.getChannel());
    }

    @Test
    void withoutTheStopOptionTheSpyWaitsForTheAgentsNextCall() throws Exception {
        OriginateAction originate = new OriginateAction();
        originate.setChannel("PJSIP/9003");
        originate.setApplication("ChanSpy");
        originate.setData("PJSIP/8003,q");
        originate.setTimeout(20_000L);
        originate.setAsync(true);
        OriginateResponseEvent response = await(h.adapter.client().list(originate, 10_000)).stream()
                .filter(OriginateResponseEvent.class::isInstance).map(OriginateResponseEvent.class::cast)
                .findFirst().orElseThrow();
        assertThat(await(h.pbx.liveChannels())).contains(response.getChannel());

        callWithAgent("8003", "8003");
        AmiPacket spying = h.event(e -> "ChanSpyStart".equals(e.get("Event")));
        assertThat(spying.get("SpyerChannel")).isEqualTo(response.getChannel());
        assertThat(spying.get("SpyeeChannel")).startsWith("PJSIP/8003-");
    }
}
