package org.civicline.channels.sms;

import java.util.ArrayList;
import java.util.List;
import org.civicline.core.config.ConfigSection;

/**
 * The {@code twilio} section. Without {@code accountSid} outgoing SMS go to the outbox log (the embedded default);
 * without {@code authToken} every webhook is refused, since none can be verified.
 *
 * @param publicBaseUrl   the URL Twilio calls, as Twilio sees it (behind a proxy, the public one): signatures cover it
 * @param apiBaseUrl      where the Twilio REST API is; empty for Twilio itself, a local server in tests
 * @param fromNumber      the number SMS are sent from
 * @param maxAttempts     tries per outgoing SMS, with back-off doubling from {@code retryDelayMillis}
 * @param messagesPerHour per resident phone; more are answered with a busy notice and not stored
 */
public record TwilioConfig(String accountSid, String authToken, String publicBaseUrl, String apiBaseUrl,
                           String fromNumber, int maxAttempts, long retryDelayMillis, int conversationMinutes,
                           int messagesPerHour, int maxBodyBytes) implements ConfigSection {

    public TwilioConfig {
        publicBaseUrl = strip(publicBaseUrl == null || publicBaseUrl.isBlank() ? "http://localhost:8080" : publicBaseUrl);
        apiBaseUrl = apiBaseUrl == null || apiBaseUrl.isBlank() ? null : strip(apiBaseUrl);
        maxAttempts = maxAttempts == 0 ? 4 : maxAttempts;
        retryDelayMillis = retryDelayMillis == 0 ? 2000 : retryDelayMillis;
        conversationMinutes = conversationMinutes == 0 ? 60 : conversationMinutes;
        messagesPerHour = messagesPerHour == 0 ? 20 : messagesPerHour;
        maxBodyBytes = maxBodyBytes == 0 ? 32_768 : maxBodyBytes;
    }

    public boolean canSend() {
        return accountSid != null && !accountSid.isBlank() && authToken != null && !authToken.isBlank()
                && fromNumber != null && !fromNumber.isBlank();
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (accountSid != null && !accountSid.isBlank() && !accountSid.matches("AC[0-9a-fA-F]{32}")) {
            problems.add("accountSid: expected AC followed by 32 hex digits");
        }
        if (!publicBaseUrl.matches("https?://\\S+")) {
            problems.add("publicBaseUrl: expected an http(s) URL, got '" + publicBaseUrl + "'");
        }
        if (apiBaseUrl != null && !apiBaseUrl.matches("https?://\\S+")) {
            problems.add("apiBaseUrl: expected an http(s) URL, got '" + apiBaseUrl + "'");
        }
        if (fromNumber != null && !fromNumber.isBlank() && !fromNumber.matches("\\+[1-9][0-9]{6,14}")) {
            problems.add("fromNumber: expected an E.164 number such as +8613800138000");
        }
        if (maxAttempts < 1 || maxAttempts > 10) {
            problems.add("maxAttempts: expected 1 to 10, got " + maxAttempts);
        }
        if (retryDelayMillis < 1) {
            problems.add("retryDelayMillis: expected at least 1, got " + retryDelayMillis);
        }
        return problems;
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
