package org.civicline.channels;

import io.vertx.core.Vertx;
import java.time.Clock;
import org.civicline.channels.intake.Intake;
import org.civicline.channels.intake.Residents;
import org.civicline.channels.outbox.OutboxLog;
import org.civicline.channels.progress.CaseDesk;
import org.civicline.channels.progress.CaseProgress;
import org.civicline.channels.progress.CaseQuery;
import org.civicline.core.config.AppConfig;
import org.civicline.core.http.ClientAddresses;
import org.civicline.core.module.ModuleContext;
import org.civicline.core.reference.ReferenceData;
import org.civicline.core.store.Stores;

/** What every channel is built from: the node's context plus the parts channels share. */
public record ChannelKit(ModuleContext context, ChannelsConfig settings, Intake intake, Residents residents,
                         CaseDesk cases, CaseProgress progress, CaseQuery query, OutboxLog outbox) {

    public static ChannelKit of(ModuleContext context) {
        ChannelsConfig settings = context.config().section("channels", ChannelsConfig.class);
        CaseDesk desk = new CaseDesk(context.vertx());
        CaseProgress progress = new CaseProgress(context.reference().calendar().zone());
        return new ChannelKit(context, settings,
                new Intake(context.vertx(), context.stores().contacts(), context.stores().reference()),
                new Residents(context.stores().citizens()), desk, progress, new CaseQuery(desk, progress),
                new OutboxLog(settings.outboxSize()));
    }

    public Vertx vertx() {
        return context.vertx();
    }

    public AppConfig config() {
        return context.config();
    }

    /** Who a request is from, for the per-address limits (see {@code http.trustedProxies}). */
    public ClientAddresses clientAddresses() {
        return ClientAddresses.of(context.config());
    }

    public Stores stores() {
        return context.stores();
    }

    public ReferenceData reference() {
        return context.reference();
    }

    public Clock clock() {
        return context.clock();
    }
}
