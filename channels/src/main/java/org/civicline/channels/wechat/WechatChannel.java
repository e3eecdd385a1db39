package org.civicline.channels.wechat;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import java.util.Optional;
import org.civicline.channels.ChannelKit;
import org.civicline.channels.MessageChannel;
import org.civicline.channels.wechat.inbound.WechatCallback;
import org.civicline.channels.wechat.inbound.WechatIncomingMessages;
import org.civicline.channels.wechat.outbound.AccessTokens;
import org.civicline.channels.wechat.outbound.TokenRefresher;
import org.civicline.channels.wechat.outbound.WechatOutgoingMessages;
import org.civicline.core.cluster.SingletonDeployer;
import org.civicline.core.model.Channel;

/** The WeChat official account (微信公众号): callback in, customer-service messages out. */
public final class WechatChannel implements MessageChannel {
    private final WechatCallback callback;
    private final WechatOutgoingMessages outgoing;
    private final ChannelKit kit;
    private final WechatConfig config;
    private final WebClient http;

    public WechatChannel(ChannelKit kit) {
        this.kit = kit;
        this.config = kit.config().section("wechat", WechatConfig.class);
        this.callback = new WechatCallback(config, new WechatIncomingMessages(config, kit.intake(), kit.residents(),
                kit.query(), kit.clock()), kit.clock());
        this.http = WebClient.create(kit.vertx());
        this.outgoing = new WechatOutgoingMessages(config, http,
                new AccessTokens(kit.vertx(), config, kit.stores().reference(), kit.clock()), kit.outbox(),
                kit.clock());
    }

    /** With API credentials, one node of the cluster keeps the access token fresh for all. */
    @Override
    public Future<Void> start() {
        if (!config.canCallApi()) {
            return Future.succeededFuture();
        }
        return kit.vertx().deployVerticle(new SingletonDeployer(TokenRefresher.SINGLETON, kit.stores().fences(),
                kit.context().nodeId(), fence -> new TokenRefresher(http, config, kit.stores().reference(),
                kit.clock(), fence))).mapEmpty();
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
