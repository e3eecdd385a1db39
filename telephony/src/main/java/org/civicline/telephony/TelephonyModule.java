package org.civicline.telephony;

import org.civicline.core.telephony.TelephonyStatus;
import org.civicline.core.telephony.ClickToDial;
import org.civicline.core.telephony.CallRecord;
import org.civicline.core.telephony.CallControlDone;
import org.civicline.core.telephony.CallControl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.civicline.core.routing.LiveCalls;
import org.civicline.core.routing.RoutingAddresses;
import org.civicline.core.bus.Codecs;
import org.civicline.core.bus.FailureCodes;
import org.civicline.core.cluster.SingletonDeployer;
import org.civicline.core.module.CivicModule;
import org.civicline.core.module.ModuleContext;
import org.civicline.telephony.ami.AmiVerticle;
import org.civicline.telephony.calls.CallRecordRoutes;
import org.civicline.telephony.calls.StatusRoute;
import org.civicline.telephony.calls.CallRecords;
import org.civicline.telephony.calls.VoiceIntake;
import org.civicline.telephony.sandbox.DemoCaller;
import org.civicline.telephony.sandbox.SandboxPbx;
import org.civicline.telephony.twilio.TwilioVoiceRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Telephony on a node: the AMI adapter (to a real Asterisk, or to the in-process sandbox PBX when none is
 * configured), the Twilio voice webhooks when enabled, and the call-record API.
 */
public final class TelephonyModule implements CivicModule {
    private static final Logger LOG = LoggerFactory.getLogger(TelephonyModule.class);

    @Override
    public String name() {
        return "telephony";
    }

    @Override
    public Future<Void> start(ModuleContext context, Router router) {
        TelephonyConfig config = context.config().section("telephony", TelephonyConfig.class);
        Vertx vertx = context.vertx();
        for (Class<?> type : List.of(CallControl.class, CallControlDone.class, ClickToDial.class, CallRecord.class,
                TelephonyStatus.class)) {
            Codecs.register(vertx, type);
        }
        VoiceIntake intake = new VoiceIntake(vertx, config, context.stores().contacts(), context.stores().citizens(),
                OneTouchDevices.of(Set.copyOf(config.oneTouchDevices())).or(OneTouchDevices.registry(vertx)));
        CallRecords records = new CallRecords(vertx, context.stores().reference());
        new CallRecordRoutes(records).mount(router);
        new StatusRoute(vertx, config.pbx()).mount(router);
        TwilioVoiceRoutes twilio = config.twilio().enabled()
                ? new TwilioVoiceRoutes(vertx, config, context.stores().reference(), intake, records, context.clock())
                : null;
        Supplier<Future<Set<String>>> twilioCalls = twilio == null ? () -> Future.succeededFuture(Set.of())
                : twilio::liveCalls;
        if (twilio != null) {
            twilio.mount(router);
            if ("none".equals(config.pbx())) {
                // No AMI adapter to answer the router's live-call check: Twilio answers alone.
                vertx.eventBus().consumer(RoutingAddresses.LIVE_CALLS, m -> twilio.liveCalls()
                        .onSuccess(calls -> m.reply(new LiveCalls(calls, context.clock().instant())))
                        .onFailure(e -> m.fail(FailureCodes.UNAVAILABLE, "Twilio calls unknown: " + e.getMessage())));
            }
        }
        Future<TelephonyConfig.Ami> ami = switch (config.pbx()) {
            case "sandbox" -> startSandbox(vertx, config, context);
            case "asterisk" -> Future.succeededFuture(config.ami());
            default -> Future.succeededFuture(null);
        };
        // One AMI connection for the cluster; another node connects, and reconciles the live calls, when it dies.
        return ami.compose(login -> login == null ? Future.succeededFuture()
                : vertx.deployVerticle(new SingletonDeployer(AmiVerticle.SINGLETON, context.stores().fences(),
                        context.nodeId(), fence -> new AmiVerticle(config, login, intake, records, context.clock(),
                        twilioCalls, context.nodeId())))
                        .mapEmpty());
    }

    /** The embedded default: a sandbox PBX in this process, so calls arrive in the demo without an Asterisk. */
    private Future<TelephonyConfig.Ami> startSandbox(Vertx vertx, TelephonyConfig config, ModuleContext context) {
        TelephonyConfig.Ami login = config.ami();
        SandboxPbx pbx = new SandboxPbx(vertx, new SandboxPbx.Settings(config.sandbox().host(), config.sandbox().port(),
                login.username(), login.secret()), context.clock());
        return pbx.start().map(port -> {
            LOG.info("sandbox PBX speaking AMI on {}:{} (user {})", config.sandbox().host(), port, login.username());
            if (config.sandbox().demoCallEverySeconds() > 0) {
                new DemoCaller(vertx, pbx, config.sandbox().demoCallEverySeconds()).start();
            }
            return new TelephonyConfig.Ami(config.sandbox().host(), port, login.username(), login.secret(),
                    login.responseTimeoutMillis(), login.reconnectInitialMillis(), login.reconnectMaxMillis());
        });
    }
}
