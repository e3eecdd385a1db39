package org.civicline.channels.uploads;

import java.util.Optional;
import org.civicline.core.model.Attachment;
import org.civicline.core.model.GeoPoint;

/** An upload kept on disk: its attachment reference (the public URL) and the EXIF position if the photo had one. */
public record StoredPhoto(Attachment attachment, Optional<GeoPoint> exifLocation, String sha256) {
}
