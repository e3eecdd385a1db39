package org.civicline.channels.wechat.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** WeChat's flat documents are read field by field; hostile ones are refused, and a refusal leaves the next read alone. */
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
    void nestedTextIsTheFieldsTextAndEntitiesOfXmlItselfAreRead() {
        var fields = WechatXml.parse(bytes("<?xml version=\"1.0\"?><xml><!-- a note --><Event>location_select</Event>"
                + "<SendLocationInfo><Location_X>30.27</Location_X><Label> 幸福路 </Label></SendLocationInfo>"
                + "<Content>a &lt; b &amp; c</Content></xml>"));
        assertThat(fields).containsEntry("Event", "location_select")
                .containsEntry("SendLocationInfo", "30.27 幸福路").containsEntry("Content", "a < b & c");
    }

    @Test
    void anUndeclaredEntityAndAnEmptyBodyAreRefused() {
        assertThatThrownBy(() -> WechatXml.parse(bytes("<xml><Content>&x;</Content></xml>")))
                .isInstanceOf(WechatXml.MalformedXmlException.class);
        assertThatThrownBy(() -> WechatXml.parse(new byte[0])).isInstanceOf(WechatXml.MalformedXmlException.class);
    }

    @Test
    void moreThanSixtyFourFieldsAreRefused() {
        StringBuilder xml = new StringBuilder("<xml>");
        for (int i = 0; i < 65; i++) {
            xml.append("<F").append(i).append(">v</F").append(i).append('>');
        }
        assertThatThrownBy(() -> WechatXml.parse(bytes(xml.append("</xml>").toString())))
                .isInstanceOf(WechatXml.MalformedXmlException.class).hasMessageContaining("64");
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
