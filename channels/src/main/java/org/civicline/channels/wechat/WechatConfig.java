package org.civicline.channels.wechat;

import java.util.ArrayList;
import java.util.List;
import org.civicline.core.config.ConfigSection;

/**
 * The {@code wechat} section. Without {@code appSecret} the account cannot call the WeChat API and agents' replies
 * go to the outbox log (the embedded default).
 *
 * @param token               the callback token set in the WeChat admin console; unset: every callback is refused
 * @param aesKey              EncodingAESKey (43 characters) for safe mode; empty: plaintext mode only
 * @param apiBaseUrl          where the WeChat API lives; tests point it at a local server
 * @param conversationMinutes further messages within this time join the sender's open contact
 * @param messagesPerMinute   per openid; more are answered with a busy notice and not stored
 */
public record WechatConfig(String token, String aesKey, String appId, String appSecret, String apiBaseUrl,
                           int maxBodyBytes, int conversationMinutes, int messagesPerMinute,
                           String reportMenuKey, String myCasesMenuKey) implements ConfigSection {

    public WechatConfig {
        apiBaseUrl = apiBaseUrl == null || apiBaseUrl.isBlank() ? "https://api.weixin.qq.com" : strip(apiBaseUrl);
        maxBodyBytes = maxBodyBytes == 0 ? 65_536 : maxBodyBytes;
        conversationMinutes = conversationMinutes == 0 ? 30 : conversationMinutes;
        messagesPerMinute = messagesPerMinute == 0 ? 20 : messagesPerMinute;
        reportMenuKey = reportMenuKey == null ? "REPORT" : reportMenuKey;
        myCasesMenuKey = myCasesMenuKey == null ? "MY_CASES" : myCasesMenuKey;
    }

    public boolean safeModeAvailable() {
        return aesKey != null && !aesKey.isBlank();
    }

    public boolean canCallApi() {
        return appId != null && !appId.isBlank() && appSecret != null && !appSecret.isBlank();
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        // Without a token every callback is refused (403): nothing can be verified.
        if (token != null && !token.matches("[A-Za-z0-9]{3,32}")) {
            problems.add("token: expected 3 to 32 letters or digits (as set in the WeChat console), got "
                    + token.length() + " characters");
        }
        if (safeModeAvailable() && !aesKey.matches("[A-Za-z0-9+/]{43}")) {
            problems.add("aesKey: expected the 43-character EncodingAESKey, got " + aesKey.length() + " characters");
        }
        if (safeModeAvailable() && (appId == null || appId.isBlank())) {
            problems.add("appId: required with aesKey (safe-mode messages carry the app id)");
        }
        if (!apiBaseUrl.matches("https?://.+")) {
            problems.add("apiBaseUrl: expected an http(s) URL, got '" + apiBaseUrl + "'");
        }
        if (maxBodyBytes < 1024) {
            problems.add("maxBodyBytes: expected at least 1024, got " + maxBodyBytes);
        }
        if (conversationMinutes < 0) {
            problems.add("conversationMinutes: expected 0 or more, got " + conversationMinutes);
        }
        return problems;
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
