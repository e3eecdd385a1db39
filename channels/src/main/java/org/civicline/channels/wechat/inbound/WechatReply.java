package org.civicline.channels.wechat.inbound;

import java.time.Instant;

/** The passive reply: a text message back to the sender inside the HTTP answer. */
public final class WechatReply {
    private WechatReply() {
    }

    public static String text(String toOpenId, String fromAccount, Instant at, String content) {
        return "<xml><ToUserName>" + cdata(toOpenId) + "</ToUserName><FromUserName>" + cdata(fromAccount)
                + "</FromUserName><CreateTime>" + at.getEpochSecond() + "</CreateTime><MsgType>"
                + cdata("text") + "</MsgType><Content>" + cdata(content) + "</Content></xml>";
    }

    public static String encrypted(String encrypt, String signature, String timestamp, String nonce) {
        return "<xml><Encrypt>" + cdata(encrypt) + "</Encrypt><MsgSignature>" + cdata(signature)
                + "</MsgSignature><TimeStamp>" + timestamp + "</TimeStamp><Nonce>" + cdata(nonce) + "</Nonce></xml>";
    }

    /** A CDATA section cannot hold "]]>", so it is split across two sections. */
    static String cdata(String text) {
        return "<![CDATA[" + (text == null ? "" : text.replace("]]>", "]]]]><![CDATA[>")) + "]]>";
    }
}
