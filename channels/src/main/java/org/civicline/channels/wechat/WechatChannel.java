package org.civicline.channels.wechat;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import java.util.Optional;
import org.civicline.channels.ChannelKit;
import org.civicline.channels.MessageChannel;
import org.civicline.channels.wechat.inbound.WechatCallback;
import org.civicline.channels.wechat.inbound.WechatIncomingMessages;
import org.civicline.channels.wechat.outbound.AccessTokens;
import org.civicline.channels.wechat.outbound.WechatOutgoingMessages;
import org.civicline.core.model.Channel;

/** The WeChat official account (微信公众号): callback in, customer-service messages out. */
public final class WechatChannel implements MessageChannel {
    private final WechatCallback callback;
    private final WechatOutgoingMessages outgoing;

    public WechatChannel(ChannelKit kit) {
        WechatConfig config = kit.config().section("wechat", WechatConfig.class);
        this.callback = new WechatCallback(config, new WechatIncomingMessages(config, kit.intake(), kit.residents(),
                kit.query(), kit.clock()), kit.clock());
        WebClient http = WebClient.create(kit.vertx());
        this.outgoing = new WechatOutgoingMessages(config, http,
                new AccessTokens(kit.vertx(), http, config, kit.stores().reference(), kit.clock()), kit.outbox(),
                kit.clock());
    }

    @Override
    public Channel kind() {
        return Channel.WECHAT;
    }

    @Override
    public void mount(Router router) {
        callback.mount(router);
    }

    @Override
    public Optional<Outbound> outbound() {
        return Optional.of(outgoing);
    }
}
