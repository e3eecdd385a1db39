package org.civicline.routing.grid.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;
import org.civicline.core.json.Jsons;
import org.civicline.core.model.Attachment;
import org.civicline.core.module.ModuleContext;
import org.civicline.routing.grid.GridRequests;

/**
 * Photos from a grid worker's phone: {@code POST /api/grid/tasks/{id}/photos} with the image itself as the body
 * (image/jpeg or image/png), by the worker who holds the task once accepted; answers the {@link Attachment} to send
 * with the handle step. The type is taken from the first bytes, not from what the phone claims. A photo is named by
 * its SHA-256, so a phone that retries an upload whose answer it lost gets the same reference and no second file.
 * {@code GET /api/grid/photos/{name}} serves them back to signed-in staff and workers.
 */
public final class GridPhotos {
    public static final String PUBLIC_PREFIX = "/api/grid/photos/";
    private static final Pattern NAME = Pattern.compile("[0-9a-f]{64}\\.(jpg|png)");
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private final Vertx vertx;
    private final Path folder;
    private final long maxBytes;

    /** @param folder where photos are kept (shared by the nodes behind one address) */
    public GridPhotos(Vertx vertx, Path folder, long maxBytes) {
        this.vertx = vertx;
        this.folder = folder;
        this.maxBytes = maxBytes;
    }

    public void mount(Router router) {
        // Skipped when the node already read the body (its own limit then applies first).
        router.post("/api/grid/tasks/:id/photos").handler(BodyHandler.create(false).setBodyLimit(maxBytes))
                .handler(this::upload);
        router.get(PUBLIC_PREFIX + ":name").handler(this::serve);
    }

    private void upload(RoutingContext ctx) {
        String signedIn = ctx.get(ModuleContext.GRID_WORKER);
        String worker = signedIn != null ? signedIn : ctx.queryParams().get("workerId");
        if (worker == null || worker.isBlank()) {
            JsonExchange.invalid(ctx, "workerId", "is required: who took the photo");
            return;
        }
        var body = ctx.body();
        byte[] bytes = body == null || body.buffer() == null ? new byte[0] : body.buffer().getBytes();
        if (bytes.length == 0) {
            JsonExchange.invalid(ctx, "photo", "is empty; send the JPEG or PNG as the request body");
            return;
        }
        if (bytes.length > maxBytes) {
            JsonExchange.error(ctx, 413, "photo: larger than " + maxBytes + " bytes");
            return;
        }
        String extension = startsWith(bytes, JPEG) ? "jpg" : startsWith(bytes, PNG) ? "png" : null;
        if (extension == null) {
            JsonExchange.invalid(ctx, "photo", "must be a JPEG or PNG photo");
            return;
        }
        String taskId = ctx.pathParam("id");
        vertx.eventBus().<String>request(GridRequests.QUERY, Jsons.write(new GridRequests.Query("task", taskId)))
                .onFailure(e -> JsonExchange.fromBus(ctx, e))
                .onSuccess(reply -> {
                    Map<?, ?> task = Jsons.read(reply.body(), Map.class);
                    Object stage = task.get("stage");
                    if (!worker.equals(task.get("assignee"))) {
                        JsonExchange.error(ctx, 409, "grid task " + taskId + " is not " + worker + "'s");
                    } else if (!"ACCEPTED".equals(stage) && !"ARRIVED".equals(stage)) {
                        JsonExchange.error(ctx, 409, "grid task " + taskId + " is " + stage
                                + "; photos are taken once accepted and before it is handled");
                    } else {
                        keep(bytes, extension).onSuccess(a -> JsonExchange.json(ctx, 201, Jsons.write(a)))
                                .onFailure(e -> JsonExchange.error(ctx, 503, "photo not kept: " + e.getMessage()));
                    }
                });
    }

    private Future<Attachment> keep(byte[] bytes, String extension) {
        // Hashing up to a few megabytes is CPU work: off the event loop.
        return vertx.executeBlocking(() -> sha256(bytes), false).compose(hash -> {
            String name = hash + "." + extension;
            return vertx.fileSystem().mkdirs(folder.toString())
                    .compose(v -> vertx.fileSystem().writeFile(folder.resolve(name).toString(), Buffer.buffer(bytes)))
                    .map(v -> new Attachment("photo", PUBLIC_PREFIX + name,
                            extension.equals("jpg") ? "image/jpeg" : "image/png", bytes.length));
        });
    }

    private void serve(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        if (name == null || !NAME.matcher(name).matches()) {
            JsonExchange.error(ctx, 404, "no such photo");
            return;
        }
        String file = folder.resolve(name).toString();
        vertx.fileSystem().exists(file).onComplete(found -> {
            if (found.succeeded() && found.result()) {
                ctx.response().putHeader("Content-Type", name.endsWith(".png") ? "image/png" : "image/jpeg")
                        .putHeader("X-Content-Type-Options", "nosniff").sendFile(file);
            } else {
                JsonExchange.error(ctx, 404, "no such photo");
            }
        });
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
