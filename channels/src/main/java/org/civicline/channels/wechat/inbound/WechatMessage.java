package org.civicline.channels.wechat.inbound;

import java.util.Map;

/** One pushed message or event, as WeChat's field names have it. */
public record WechatMessage(Map<String, String> fields) {

    public WechatMessage {
        fields = Map.copyOf(fields);
    }

    public String get(String name) {
        String value = fields.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    public String openId() {
        return get("FromUserName");
    }

    public String account() {
        return get("ToUserName");
    }

    public String type() {
        return get("MsgType");
    }

    public String event() {
        return get("Event");
    }

    /** MsgId for messages; FromUserName + CreateTime for events, which have no id. */
    public String deliveryKey() {
        String msgId = get("MsgId");
        return msgId != null ? "wechat:msg:" + msgId : "wechat:event:" + openId() + ":" + get("CreateTime");
    }
}
