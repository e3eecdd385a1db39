package org.civicline.channels.uploads;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.civicline.channels.http.FormBody;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.civicline.core.model.Attachment;
import org.civicline.core.store.Ids;

/**
 * Keeps residents' photos in a folder (configurable, shared by the nodes behind one address) under random names, and
 * serves them back. Only JPEG and PNG, recognised by their bytes, up to a size limit.
 */
public final class PhotoStore {
    private static final Pattern NAME = Pattern.compile("[a-z0-9]{8,40}\\.(jpg|png)");

    private final Vertx vertx;
    private final Path folder;
    private final String publicPrefix;
    private final long maxBytes;
    private final Clock clock;

    /** {@code publicPrefix} + name is the photo's URL, served by {@link #serve}. */
    public PhotoStore(Vertx vertx, Path folder, String publicPrefix, long maxBytes, Clock clock) {
        this.vertx = vertx;
        this.folder = folder;
        this.publicPrefix = publicPrefix;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Reads and checks an uploaded file without keeping it yet, so that a request refused for another reason leaves
     * nothing behind. Fails with {@link RejectedUpload} naming the form field.
     */
    public Future<Photo> inspect(FormBody.File upload) {
        String field = upload.field();
        byte[] bytes = upload.bytes();
        if (bytes.length > maxBytes) {
            return Future.failedFuture(new RejectedUpload(field, "is larger than " + maxBytes + " bytes"));
        }
        if (bytes.length == 0) {
            return Future.failedFuture(new RejectedUpload(field, "is empty"));
        }
        ImageType type = ImageType.sniff(bytes).orElse(null);
        if (type == null) {
            return Future.failedFuture(new RejectedUpload(field, "must be a JPEG or PNG photo"));
        }
        // Parsing a whole image is CPU work on untrusted bytes: off the event loop.
        return vertx.executeBlocking(() -> new Photo(bytes, type, ExifLocation.read(bytes), sha256(bytes)), false);
    }

    /** Keeps an inspected photo under a new random name. */
    public Future<StoredPhoto> keep(Photo photo) {
        String name = Ids.next("p", clock.instant()) + "." + photo.type().extension();
        return vertx.fileSystem().mkdirs(folder.toString())
                .compose(v -> vertx.fileSystem().writeFile(folder.resolve(name).toString(),
                        Buffer.buffer(photo.bytes())))
                .map(v -> new StoredPhoto(new Attachment("photo", publicPrefix + name, photo.type().contentType(),
                        photo.bytes().length), photo.exifLocation(), photo.sha256()));
    }

    /** An uploaded photo, checked and read, not yet kept. */
    public record Photo(byte[] bytes, ImageType type, java.util.Optional<org.civicline.core.model.GeoPoint> exifLocation,
                        String sha256) {
    }

    /** Sends the photo named in path parameter {@code name}; 404 for anything else. */
    public void serve(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        if (name == null || !NAME.matcher(name).matches()) {
            ctx.response().setStatusCode(404).end();
            return;
        }
        String file = folder.resolve(name).toString();
        vertx.fileSystem().exists(file).onComplete(found -> {
            if (found.succeeded() && found.result()) {
                ctx.response().putHeader("Content-Type", name.endsWith(".png") ? "image/png" : "image/jpeg")
                        .putHeader("X-Content-Type-Options", "nosniff").sendFile(file);
            } else {
                ctx.response().setStatusCode(404).end();
            }
        });
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An upload refused for a reason that names the form field. */
    public static final class RejectedUpload extends RuntimeException {
        private final String field;

        public RejectedUpload(String field, String reason) {
            super(field + " " + reason);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
