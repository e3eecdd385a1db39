package org.civicline.server.load;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one HTTP client of a run: keep-alive connections to every node, requests spread over the nodes in turn. The
 * bare endpoint and CivicLine are measured through this same client.
 */
final class HttpTarget implements AutoCloseable {
    /** An answer: status and body. */
    record Answer(int status, Buffer body) {
    }

    private final HttpClientAgent client;
    private final List<URI> bases;
    private final int timeoutMillis;
    private final AtomicLong turn = new AtomicLong();

    HttpTarget(Vertx vertx, List<String> baseUrls, int connectionsPerNode, int timeoutMillis) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(connectionsPerNode).setMaxWaitQueueSize(-1));
        this.bases = baseUrls.stream().map(URI::create).toList();
        this.timeoutMillis = timeoutMillis;
    }

    /** The node's base URL for the next request (round robin). */
    URI nextBase() {
        return bases.get((int) (turn.getAndIncrement() % bases.size()));
    }

    Future<Answer> post(URI base, String pathAndQuery, String contentType, Buffer body, Map<String, String> headers) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(base.getHost())
                .setPort(base.getPort()).setURI(pathAndQuery).setIdleTimeout(timeoutMillis)
                .putHeader("Content-Type", contentType);
        headers.forEach(options::putHeader);
        return client.request(options)
                .compose(request -> request.send(body))
                .compose(response -> response.body().map(b -> new Answer(response.statusCode(), b)));
    }

    Future<Answer> get(URI base, String pathAndQuery, Map<String, String> headers) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(base.getHost())
                .setPort(base.getPort()).setURI(pathAndQuery).setIdleTimeout(timeoutMillis);
        headers.forEach(options::putHeader);
        return client.request(options).compose(request -> request.send())
                .compose(response -> response.body().map(b -> new Answer(response.statusCode(), b)));
    }

    static Buffer form(MultiMap fields) {
        StringBuilder out = new StringBuilder(256);
        fields.forEach(e -> {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        });
        return Buffer.buffer(out.toString());
    }

    /** A failure for any answer but {@code expected}, named by its status. */
    static Answer expect(Answer answer, int... expected) {
        for (int status : expected) {
            if (answer.status() == status) {
                return answer;
            }
        }
        String body = answer.body() == null ? "" : answer.body().toString(StandardCharsets.UTF_8);
        throw new LoadFailure("http " + answer.status(), body.length() > 200 ? body.substring(0, 200) : body);
    }

    @Override
    public void close() {
        client.close();
    }
}
