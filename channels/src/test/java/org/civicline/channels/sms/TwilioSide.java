package org.civicline.channels.sms;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** What Twilio does when it calls a webhook, written from its documentation, independent of the SDK's validator. */
final class TwilioSide {
    static final String SID = "AC0123456789abcdef0123456789abcdef";
    static final String TOKEN = "twilio-auth-token-for-tests";
    static final String PUBLIC = "https://civic.example.cn";

    private TwilioSide() {
    }

    static String signature(String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String messageJson(String sid, String to, String body) {
        return "{\"sid\":\"" + sid + "\",\"account_sid\":\"" + SID + "\",\"to\":\"" + to + "\",\"from\":\"+8613800000000\","
                + "\"body\":\"" + body.replace("\"", "'") + "\",\"status\":\"queued\",\"num_segments\":\"1\","
                + "\"direction\":\"outbound-api\",\"api_version\":\"2010-04-01\",\"uri\":\"/2010-04-01/Accounts/" + SID
                + "/Messages/" + sid + ".json\"}";
    }
}
