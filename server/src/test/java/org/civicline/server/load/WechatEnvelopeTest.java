package org.civicline.server.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.civicline.channels.wechat.inbound.WechatCrypto;
import org.junit.jupiter.api.Test;

/** The tool's safe-mode envelope is written from WeChat's documentation; the channel must open it, and vice versa. */
class WechatEnvelopeTest {
    private static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private static final String APP_ID = "wx1234567890abcdef";

    @Test
    void theChannelOpensWhatTheToolSeals() {
        WechatEnvelope envelope = new WechatEnvelope("token", KEY, APP_ID);
        String xml = "<xml><Content><![CDATA[路灯不亮了]]></Content></xml>";
        String sealed = envelope.encrypt(xml, new Random(1));
        assertThat(new WechatCrypto(KEY, APP_ID).decrypt(sealed)).isEqualTo(xml);
    }

    @Test
    void theToolOpensWhatTheChannelSealsAndRefusesAnotherAccountsAppId() {
        String sealed = new WechatCrypto(KEY, APP_ID).encrypt("您的诉求已收到，受理编号 c123。");
        assertThat(new WechatEnvelope("token", KEY, APP_ID).decrypt(sealed)).isEqualTo("您的诉求已收到，受理编号 c123。");
        assertThatThrownBy(() -> new WechatEnvelope("token", KEY, "wxOther").decrypt(sealed))
                .isInstanceOf(LoadFailure.class).hasMessageContaining("appid");
    }

    @Test
    void aThreadsCiphersServeMessageAfterMessageEvenAfterABrokenReply() {
        WechatEnvelope envelope = new WechatEnvelope("token", KEY, APP_ID);
        WechatCrypto channel = new WechatCrypto(KEY, APP_ID);
        Random random = new Random(2);
        assertThat(channel.decrypt(envelope.encrypt("<xml>一</xml>", random))).isEqualTo("<xml>一</xml>");
        assertThat(channel.decrypt(envelope.encrypt("<xml>二</xml>", random))).isEqualTo("<xml>二</xml>");
        assertThatThrownBy(() -> envelope.decrypt("AAAA")).isInstanceOf(LoadFailure.class);
        assertThat(envelope.decrypt(channel.encrypt("第一条"))).isEqualTo("第一条");
        assertThat(envelope.decrypt(channel.encrypt("第二条"))).isEqualTo("第二条");
    }

    @Test
    void signaturesAreSha1OfTheSortedStrings() {
        // sha1("1409304348" + "nonce" + "token"), the three sorted.
        assertThat(WechatEnvelope.sha1("token", "1409304348", "nonce"))
                .isEqualTo(WechatEnvelope.sha1("nonce", "token", "1409304348"))
                .isEqualTo("c21d07973d69a8327f8346d879d072ef58bd3a9a");
    }
}
