package org.civicline.server.load;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text message pushed to {@code /wechat/callback} in safe mode, as WeChat's servers push it. The acknowledgement is
 * the encrypted passive reply naming the contact number (受理编号); it is opened and its signature checked.
 */
final class WechatSubmitter implements Submitter {
    static final String ACCOUNT = "gh_civicline_load";
    private static final Pattern ENCRYPT = Pattern.compile("<Encrypt><!\\[CDATA\\[([^\\]]+)]]></Encrypt>");
    private static final Pattern SIGNATURE = Pattern.compile("<MsgSignature><!\\[CDATA\\[([0-9a-f]+)]]></MsgSignature>");
    private static final Pattern TIMESTAMP = Pattern.compile("<TimeStamp>(\\d+)</TimeStamp>");
    private static final Pattern NONCE = Pattern.compile("<Nonce><!\\[CDATA\\[([^\\]]+)]]></Nonce>");
    private static final Pattern NUMBER = Pattern.compile("受理编号 ([A-Za-z0-9_-]+)");

    private final HttpTarget http;
    private final WechatEnvelope envelope;
    private final Random random;
    private final Senders senders;

    WechatSubmitter(HttpTarget http, WechatEnvelope envelope, Senders senders, long seed) {
        this.http = http;
        this.envelope = envelope;
        this.senders = senders;
        this.random = new Random(seed);
    }

    @Override
    public LoadChannel channel() {
        return LoadChannel.WECHAT;
    }

    /** {@code sender} is the resident's openid. */
    @Override
    public Future<String> submit(String sender, long sequence) {
        long now = System.currentTimeMillis() / 1000;
        String inner = "<xml><ToUserName><![CDATA[" + ACCOUNT + "]]></ToUserName><FromUserName><![CDATA[" + sender
                + "]]></FromUserName><CreateTime>" + now + "</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                + "<Content><![CDATA[小区门口的下水道堵了，污水漫到路上（压测 " + sequence + "）]]></Content><MsgId>"
                + senders.messageId(sequence) + "</MsgId></xml>";
        String encrypted;
        String nonce;
        synchronized (random) {
            encrypted = envelope.encrypt(inner, random);
            nonce = Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
        }
        String timestamp = Long.toString(now);
        String query = "/wechat/callback?signature=" + envelope.urlSignature(timestamp, nonce) + "&timestamp="
                + timestamp + "&nonce=" + nonce + "&openid=" + sender + "&encrypt_type=aes&msg_signature="
                + envelope.messageSignature(timestamp, nonce, encrypted);
        String body = "<xml><ToUserName><![CDATA[" + ACCOUNT + "]]></ToUserName><Encrypt><![CDATA[" + encrypted
                + "]]></Encrypt></xml>";
        return http.post(http.nextBase(), query, "text/xml", Buffer.buffer(body), Map.of())
                .map(answer -> contactNumber(HttpTarget.expect(answer, 200).body().toString(StandardCharsets.UTF_8)));
    }

    /** The contact number in the reply; anything else (a "too fast" answer, a bad signature) is no acknowledgement. */
    String contactNumber(String reply) {
        String encrypted = find(ENCRYPT, reply);
        String signature = find(SIGNATURE, reply);
        if (!signature.equals(envelope.messageSignature(find(TIMESTAMP, reply), find(NONCE, reply), encrypted))) {
            throw new LoadFailure("bad reply", "MsgSignature mismatch");
        }
        Matcher number = NUMBER.matcher(envelope.decrypt(encrypted));
        if (!number.find()) {
            throw new LoadFailure("not acknowledged", "the reply names no contact number");
        }
        return number.group(1);
    }

    private static String find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new LoadFailure("bad reply", "no " + pattern.pattern().substring(1, 12));
        }
        return m.group(1);
    }
}
