package org.civicline.channels.wechat.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The parser is reused per thread: a refused document must not change how the next one is read, nor the reverse. */
class WechatXmlTest {
    private static final String GOOD = "<xml><ToUserName><![CDATA[gh_1]]></ToUserName>"
            + "<Content><![CDATA[路灯不亮]]></Content></xml>";
    private static final String ENTITY = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + "<xml><Content>&x;</Content></xml>";
    private static final String BROKEN = "<xml><Content>unclosed</xml>";

    @Test
    void refusalsAndGoodDocumentsAlternateOnOneThread() {
        for (int round = 0; round < 3; round++) {
            assertThat(WechatXml.parse(bytes(GOOD))).containsEntry("ToUserName", "gh_1")
                    .containsEntry("Content", "路灯不亮").hasSize(2);
            assertThatThrownBy(() -> WechatXml.parse(bytes(ENTITY)))
                    .isInstanceOf(WechatXml.MalformedXmlException.class);
            assertThatThrownBy(() -> WechatXml.parse(bytes(BROKEN)))
                    .isInstanceOf(WechatXml.MalformedXmlException.class);
        }
    }

    @Test
    void aRootOtherThanXmlIsRefused() {
        assertThatThrownBy(() -> WechatXml.parse(bytes("<root><a>1</a></root>")))
                .isInstanceOf(WechatXml.MalformedXmlException.class).hasMessageContaining("<xml>");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
