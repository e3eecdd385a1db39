package org.civicline.channels.sms.outbound;

import com.twilio.constant.EnumConstants;
import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Sends the Twilio SDK's requests to another host (the SDK has no base-URL setting): same path, query, headers,
 * authentication and body, only scheme, host and port replaced. Makes one attempt per request: back-off and retries
 * are the caller's, on timers rather than on a sleeping thread.
 */
public final class RebasedHttpClient extends HttpClient {
    private final URI base;
    private final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10)).build();

    public RebasedHttpClient(String baseUrl) {
        this.base = URI.create(baseUrl);
    }

    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        URL original = request.constructURL();
        URI target = URI.create(base.getScheme() + "://" + base.getRawAuthority() + original.getFile());
        HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .header("X-Twilio-Client", "java-civicline");
        if (request.requiresAuthentication()) {
            builder.header("Authorization", request.getAuthString());
        }
        for (Map.Entry<String, List<String>> header : request.getHeaderParams().entrySet()) {
            for (String value : header.getValue()) {
                builder.header(header.getKey(), value);
            }
        }
        HttpMethod method = request.getMethod();
        if (method == HttpMethod.POST || method == HttpMethod.PUT) {
            boolean json = request.getContentType() == EnumConstants.ContentType.JSON;
            String body = json ? request.getBody() : request.encodeFormBody();
            builder.header("Content-Type", json ? "application/json" : "application/x-www-form-urlencoded");
            builder.method(method.toString(), HttpRequest.BodyPublishers.ofString(body == null ? "" : body,
                    StandardCharsets.UTF_8));
        } else {
            builder.method(method.toString(), HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = http.send(builder.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.body(), response.statusCode());
        } catch (IOException e) {
            throw new com.twilio.exception.ApiConnectionException("cannot reach " + target.getHost() + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new com.twilio.exception.ApiConnectionException("interrupted", e);
        }
    }
}
