package org.civicline.server.fault;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.civicline.core.json.Jsons;

/**
 * What residents and vendors send a node, signed as the real senders sign: app / Open311 reports, letters to the
 * leaders' mailbox, SMS through Twilio's webhook, and WeChat's message push (plaintext mode).
 */
public final class Residents {
    /** The city app's key in the shipped configuration. */
    public static final String APP_KEY = "demo-city-app-key";
    /** The callback token of the shipped configuration ({@code wechat.token}). */
    public static final String WECHAT_TOKEN = "civiclineDemo";
    /** Set on the node as {@code twilio.authToken} and {@code twilio.publicBaseUrl}; Twilio signs against them. */
    public static final String TWILIO_TOKEN = "fault-test-twilio-token";
    public static final String TWILIO_PUBLIC_URL = "https://civicline.example";

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Residents() {
    }

    /** The settings a node needs to take every channel from one loopback address at test rates. */
    public static Map<String, String> channelEnvironment() {
        return Map.of(
                "CIVICLINE_OPEN311_POSTS_PER_MINUTE", "1000000",
                "CIVICLINE_MAILBOX_LETTERS_PER_IP_PER_HOUR", "1000000",
                "CIVICLINE_MAILBOX_QUERIES_PER_IP_PER_HOUR", "1000000",
                "CIVICLINE_TWILIO_AUTH_TOKEN", TWILIO_TOKEN,
                "CIVICLINE_TWILIO_PUBLIC_BASE_URL", TWILIO_PUBLIC_URL);
    }

    /** One HTTP answer; {@code status} 0 when the node could not be reached at all. */
    public record Answer(int status, String body, Map<String, java.util.List<String>> headers, long millis) {
        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public JsonNode json() {
            try {
                return Jsons.mapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    /**
     * A report from the city app (GeoReport v2 {@code POST requests.json}) with its own Idempotency-Key, as the app
     * sends on every retry of the same report.
     */
    public static Answer appReport(String baseUrl, String serviceCode, String key, String description) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", APP_KEY);
        form.put("service_code", serviceCode);
        form.put("lat", "30.2741");
        form.put("long", "120.1551");
        form.put("description", description);
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/open311/v2/requests.json"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))));
    }

    /** The id an acknowledged app report was given: its case number, or the token to ask for it later. */
    public static String reportId(Answer answer) {
        JsonNode request = answer.json().get(0);
        JsonNode number = request.get("service_request_id");
        return number != null ? number.asText() : "token:" + request.get("token").asText();
    }

    /** Reads an acknowledged report back through the public Open311 API. */
    public static Answer readReport(String baseUrl, String id) {
        String path = id.startsWith("token:") ? "/open311/v2/tokens/" + id.substring(6) + ".json"
                : "/open311/v2/requests/" + id + ".json";
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    /** A letter to the leaders' mailbox, answered with a JSON receipt. */
    public static Answer letter(String baseUrl, String formToken, String phone) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", "测试居民");
        form.put("phone", phone);
        form.put("subject", "小区路灯");
        form.put("letter", "小区门口的路灯已经坏了一个星期，晚上出行很不方便，请尽快修理。");
        form.put("formToken", formToken);
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/mailbox"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))));
    }

    /** An SMS as Twilio posts it, signed with {@link #TWILIO_TOKEN} for {@link #TWILIO_PUBLIC_URL}. */
    public static Answer sms(String baseUrl, String messageSid, String from, String text) {
        Map<String, String> form = new TreeMap<>();
        form.put("AccountSid", "ACfaulttest");
        form.put("MessageSid", messageSid);
        form.put("From", from);
        form.put("To", "+8612345");
        form.put("Body", text);
        StringBuilder signed = new StringBuilder(TWILIO_PUBLIC_URL + "/twilio/sms");
        form.forEach((k, v) -> signed.append(k).append(v));
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/twilio/sms"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", hmacSha1(TWILIO_TOKEN, signed.toString()))
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))));
    }

    /** A text message pushed by WeChat in plaintext mode, signed with {@link #WECHAT_TOKEN}. */
    public static Answer wechatText(String baseUrl, String openId, long msgId, String text) {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String nonce = Long.toString(msgId, 36);
        String[] parts = {WECHAT_TOKEN, timestamp, nonce};
        Arrays.sort(parts);
        String signature = sha1Hex(String.join("", parts));
        String xml = "<xml><ToUserName><![CDATA[gh_civicline]]></ToUserName>"
                + "<FromUserName><![CDATA[" + openId + "]]></FromUserName>"
                + "<CreateTime>" + timestamp + "</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                + "<Content><![CDATA[" + text + "]]></Content><MsgId>" + msgId + "</MsgId></xml>";
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/wechat/callback?signature=" + signature
                        + "&timestamp=" + timestamp + "&nonce=" + nonce))
                .header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(xml)));
    }

    public static Answer get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    static Answer send(HttpRequest.Builder request) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(15)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers().map(),
                    (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            return new Answer(0, String.valueOf(e), Map.of(), (System.nanoTime() - start) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static String hmacSha1(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha1Hex(String data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(data.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
