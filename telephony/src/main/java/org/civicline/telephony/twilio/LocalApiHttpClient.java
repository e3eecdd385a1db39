package org.civicline.telephony.twilio;

import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The Twilio SDK has no base-URL setting: this HTTP client sends each request to {@code baseUrl} instead of
 * {@code https://api.twilio.com}, keeping path, query, form, headers and credentials — for a local stand-in of
 * Twilio's API (tests) or an egress proxy.
 */
final class LocalApiHttpClient extends HttpClient {
    private final URI base;
    private final NetworkHttpClient delegate = new NetworkHttpClient();

    LocalApiHttpClient(String baseUrl) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
    }

    @Override
    public Response makeRequest(Request original) {
        URI target = URI.create(original.getUrl());
        Request rewritten = new Request(original.getMethod(), base + target.getRawPath());
        copy(original.getQueryParams(), rewritten::addQueryParam);
        copy(original.getPostParams(), rewritten::addPostParam);
        copy(original.getHeaderParams(), rewritten::addHeaderParam);
        if (original.getUsername() != null) {
            rewritten.setAuth(original.getUsername(), original.getPassword());
        }
        return delegate.makeRequest(rewritten);
    }

    private static void copy(Map<String, List<String>> from, java.util.function.BiConsumer<String, String> to) {
        from.forEach((key, values) -> values.forEach(v -> to.accept(key, v)));
    }
}
