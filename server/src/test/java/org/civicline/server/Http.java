package org.civicline.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.civicline.core.json.Jsons;

/** A tiny real-HTTP client for the tests. */
final class Http {
    static final String DEMO_PASSWORD = "civicline-demo";

    private final HttpClient client;
    private final java.net.CookieManager cookies;
    private final String base;
    private String csrf;

    Http(int port) {
        this.base = "http://127.0.0.1:" + port;
        this.cookies = new java.net.CookieManager();
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).cookieHandler(cookies).build();
    }

    /** A client signed in as {@code username} (demo users of config/reference/users.yaml). */
    static Http signedIn(int port, String username) {
        Http http = new Http(port);
        Answer answer = http.postJson("/api/auth/login",
                "{\"username\": \"" + username + "\", \"password\": \"" + DEMO_PASSWORD + "\"}");
        if (answer.status() != 200) {
            throw new AssertionError("sign-in as " + username + " failed: " + answer.status() + " " + answer.body());
        }
        http.csrf = answer.json().get("csrfToken").asText();
        return http;
    }

    record Answer(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return Jsons.mapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    /** The same session without the CSRF token, as a forged cross-site request would be. */
    Http withoutCsrf() {
        Http forged = new Http(this);
        forged.csrf = null;
        return forged;
    }

    private Http(Http other) {
        this(other, other.base);
    }

    private Http(Http other, String base) {
        this.base = base;
        this.client = other.client;
        this.cookies = other.cookies;
        this.csrf = other.csrf;
    }

    /** The same signed-in session (cookie and CSRF token) sent to another node, as a load balancer without sticky sessions would. */
    Http on(int port) {
        return new Http(this, "http://127.0.0.1:" + port);
    }

    /** The session cookie as a Cookie header, for a WebSocket opened with this session. */
    String cookieHeader() {
        return cookies.getCookieStore().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(java.util.stream.Collectors.joining("; "));
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** A GET with extra request headers, given as name, value, name, value … */
    Answer get(String path, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).headers(headers).GET());
    }

    Answer postJson(String path, String json) {
        return post(path, "application/json", json);
    }

    /** A JSON POST with extra request headers, given as name, value, name, value … */
    Answer postJson(String path, String json, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .headers(headers).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer put(String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json));
        if (csrf != null) {
            request.header("X-CSRF-Token", csrf);
        }
        return send(request);
    }

    Answer post(String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (csrf != null) {
            request.header("X-CSRF-Token", csrf);
        }
        return send(request);
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(15)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
