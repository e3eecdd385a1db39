package org.civicline.channels.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostMultipartRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a form body (url-encoded or multipart) up to a size limit, in memory, for the channel endpoints. The server's
 * own form decoder caps every field at 8 KB — under 3000 Chinese characters — which would refuse a full letter or a
 * 4000-character Open311 description; here only the whole body is limited. Read the result with {@link #of}.
 */
public final class FormBody implements Handler<RoutingContext> {
    private static final String KEY = "civicline.form";
    private static final int MAX_FIELDS = 200;

    /** A file part, held in memory (the body limit bounds it). */
    public record File(String field, String filename, String contentType, byte[] bytes) {
    }

    public record Form(MultiMap fields, List<File> files) {
    }

    private final long limit;

    public FormBody(long limit) {
        this.limit = limit;
    }

    public static Form of(RoutingContext ctx) {
        Form form = ctx.get(KEY);
        return form != null ? form : new Form(MultiMap.caseInsensitiveMultiMap(), List.of());
    }

    @Override
    public void handle(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        String lower = type == null ? "" : type.toLowerCase(Locale.ROOT);
        boolean urlEncoded = lower.startsWith("application/x-www-form-urlencoded");
        boolean multipart = lower.startsWith("multipart/form-data");
        Buffer body = Buffer.buffer();
        boolean[] failed = {false};
        ctx.request().handler(chunk -> {
            if (failed[0]) {
                return;
            }
            if (body.length() + chunk.length() > limit) {
                failed[0] = true;
                ctx.fail(413);
                return;
            }
            body.appendBuffer(chunk);
        });
        ctx.request().exceptionHandler(e -> {
            if (!failed[0]) {
                failed[0] = true;
                ctx.fail(400);
            }
        });
        ctx.request().endHandler(v -> {
            if (failed[0]) {
                return;
            }
            if (multipart) {
                // Photos make these bodies megabytes long: decode them on a worker, not on the event loop.
                ctx.vertx().executeBlocking(() -> multipart(type, body), false)
                        .onComplete(done -> proceed(ctx, done.succeeded() ? done.result() : null));
            } else if (body.length() == 0) {
                proceed(ctx, new Form(MultiMap.caseInsensitiveMultiMap(), List.of()));
            } else if (urlEncoded) {
                proceed(ctx, urlEncoded(body.toString(StandardCharsets.UTF_8)));
            } else {
                PlainErrors.send(ctx, 415, "Content-Type must be application/x-www-form-urlencoded or "
                        + "multipart/form-data");
            }
        });
        ctx.request().resume();
    }

    private static void proceed(RoutingContext ctx, Form form) {
        if (form == null) {
            ctx.fail(400);
            return;
        }
        ctx.put(KEY, form);
        ctx.next();
    }

    /** Null for a body that is not a form (bad escapes, too many fields). */
    static Form urlEncoded(String body) {
        MultiMap fields = MultiMap.caseInsensitiveMultiMap();
        String[] pairs = body.split("&");
        if (pairs.length > MAX_FIELDS) {
            return null;
        }
        try {
            for (String pair : pairs) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                fields.add(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return new Form(fields, List.of());
    }

    /** Null for a body that is not a well-formed multipart form. */
    static Form multipart(String contentType, Buffer body) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/",
                Unpooled.wrappedBuffer(body.getBytes()));
        request.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        request.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length());
        HttpPostMultipartRequestDecoder decoder = null;
        try {
            decoder = new HttpPostMultipartRequestDecoder(new DefaultHttpDataFactory(false), request,
                    StandardCharsets.UTF_8, MAX_FIELDS, body.length() + 1);
            List<InterfaceHttpData> parts = decoder.getBodyHttpDatas();
            if (decoder.currentPartialHttpData() != null) {
                // A part that never ends: the body was cut off.
                return null;
            }
            MultiMap fields = MultiMap.caseInsensitiveMultiMap();
            List<File> files = new ArrayList<>();
            for (InterfaceHttpData data : parts) {
                if (data instanceof FileUpload upload) {
                    files.add(new File(upload.getName(), upload.getFilename(), upload.getContentType(),
                            upload.get()));
                } else if (data instanceof Attribute attribute) {
                    fields.add(attribute.getName(), attribute.getValue());
                }
            }
            return new Form(fields, List.copyOf(files));
        } catch (RuntimeException | IOException e) {
            return null;
        } finally {
            if (decoder != null) {
                decoder.destroy();
            }
            if (request.refCnt() > 0) {
                request.release();
            }
        }
    }
}
