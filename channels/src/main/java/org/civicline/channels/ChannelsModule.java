package org.civicline.channels;

import org.civicline.core.channels.ChannelAddresses;
import org.civicline.core.channels.AgentReply;
import org.civicline.core.channels.ConversationRequest;
import org.civicline.core.routing.ContactClosed;
import org.civicline.core.routing.RoutingAddresses;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.civicline.channels.outbox.OutboxEntry;
import org.civicline.channels.progress.ProgressNotices;
import org.civicline.core.bus.Addresses;
import org.civicline.core.bus.Codecs;
import org.civicline.core.bus.SendNotice;
import org.civicline.core.http.ClientAddresses;
import org.civicline.core.json.Jsons;
import org.civicline.core.model.Channel;
import org.civicline.core.module.CivicModule;
import org.civicline.core.module.ModuleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The message channels: WeChat, the city app and Open311, the leaders' mailbox, SMS. */
public final class ChannelsModule implements CivicModule {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelsModule.class);
    /** The outbox log as JSON, for the demo UI. */
    public static final String OUTBOX_PATH = "/channels/outbox";

    @Override
    public String name() {
        return "channels";
    }

    @Override
    public Future<Void> start(ModuleContext context, Router router) {
        ChannelKit kit = ChannelKit.of(context);
        List<MessageChannel> channels = ChannelRegistry.build(kit);
        Map<Channel, MessageChannel.Outbound> outbound =
                new EnumMap<>(Channel.class);
        Map<Channel, MessageChannel.Addressed> addressed =
                new EnumMap<>(Channel.class);
        for (MessageChannel channel : channels) {
            channel.mount(router);
            channel.outbound().ifPresent(way -> outbound.put(channel.kind(), way));
            channel.outbound().filter(MessageChannel.Addressed.class::isInstance)
                    .ifPresent(way -> addressed.put(channel.kind(), (MessageChannel.Addressed) way));
        }
        // Outside /api and its sign-in, so only for this machine (an operator's curl, the demo): the texts carry case
        // numbers and survey links, and a survey link lets whoever holds it answer for the resident.
        router.get(OUTBOX_PATH).handler(ctx -> {
            if (!ClientAddresses.isLocalAndDirect(ctx.request())) {
                ctx.response().setStatusCode(403).putHeader("Content-Type", "application/json; charset=utf-8")
                        .end(Jsons.write(Map.of("error", "发送记录仅限本机查看 the outbox log is served to this "
                                + "machine's loopback only, not through a proxy")));
                return;
            }
            ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
                    .putHeader("Cache-Control", "no-store")
                    .end(Jsons.write(kit.outbox().recent(100).stream().map(OutboxEntry::masked).toList()));
        });
        Codecs.register(context.vertx(), AgentReply.class);
        Codecs.register(context.vertx(), OutboxEntry.class);
        ReplyDispatcher replies = new ReplyDispatcher(context.stores().contacts(), outbound,
                kit.intake().conversation(), context.clock());
        ConversationDesk conversations = new ConversationDesk(context.stores().contacts(), kit.intake());
        ProgressNotices notices = new ProgressNotices(context.vertx(), kit.intake(), context.stores().contacts(),
                context.stores().reference(), outbound);
        NoticeDesk desk = new NoticeDesk(addressed);
        return context.vertx().eventBus().<AgentReply>consumer(ChannelAddresses.REPLY, replies::handle)
                .completion()
                .compose(v -> context.vertx().eventBus().<ConversationRequest>consumer(ChannelAddresses.CONVERSATION,
                        conversations::handle).completion())
                .compose(v -> context.vertx().eventBus().<ContactClosed>consumer(RoutingAddresses.CLOSED,
                        m -> endConversation(kit, m.body()))
                        .completion())
                .compose(v -> context.vertx().eventBus().<SendNotice>consumer(Addresses.NOTICE_SEND, desk::handle)
                        .completion())
                .compose(v -> notices.listen())
                .compose(v -> Future.all(channels.stream().map(MessageChannel::start).toList()).mapEmpty());
    }

    /** Only message channels keep conversations that further messages join. */
    private static void endConversation(ChannelKit kit, ContactClosed closed) {
        if (closed.channel() == null || closed.channel().medium() == Channel.Medium.VOICE) {
            return;
        }
        kit.intake().endConversation(closed.contactId()).onFailure(e -> LOG.warn("conversation of {} not ended: {}",
                closed.contactId(), e.getMessage()));
    }
}
