package org.civicline.channels.http;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Reads {@code application/x-www-form-urlencoded} bodies itself and leaves multipart to a {@link BodyHandler}. The
 * server's form decoder caps each field at 8 KB, which is under 3000 Chinese characters: a letter or a
 * 4000-character Open311 description would be refused. Read the form with {@link #of}.
 */
public final class UrlEncodedForm implements Handler<RoutingContext> {
    private static final String KEY = "civicline.form";
    private static final int MAX_FIELDS = 200;

    private final long limit;
    private final BodyHandler multipart;

    public UrlEncodedForm(long limit, BodyHandler multipart) {
        this.limit = limit;
        this.multipart = multipart;
    }

    /** The form fields of a request that went through this handler. */
    public static MultiMap of(RoutingContext ctx) {
        MultiMap form = ctx.get(KEY);
        return form != null ? form : ctx.request().formAttributes();
    }

    @Override
    public void handle(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            multipart.handle(ctx);
            return;
        }
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
        ctx.request().endHandler(v -> {
            if (failed[0]) {
                return;
            }
            MultiMap form = decode(body.toString(StandardCharsets.UTF_8));
            if (form == null) {
                ctx.fail(400);
                return;
            }
            ctx.put(KEY, form);
            ctx.next();
        });
        ctx.request().resume();
    }

    /** Null for a body that is not a form (bad escapes, too many fields). */
    static MultiMap decode(String body) {
        MultiMap form = MultiMap.caseInsensitiveMultiMap();
        if (body.isEmpty()) {
            return form;
        }
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
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                form.add(name, value);
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return form;
    }
}
