package org.civicline.channels.uploads;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.GpsDirectory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import org.civicline.core.model.GeoPoint;

/** Where a phone photo was taken, from its EXIF GPS tags; empty when it has none or they make no sense. */
public final class ExifLocation {
    private ExifLocation() {
    }

    /** Parses the whole image: call it off the event loop. */
    public static Optional<GeoPoint> read(byte[] image) {
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(image), image.length);
            GpsDirectory gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);
            GeoLocation where = gps == null ? null : gps.getGeoLocation();
            if (where == null || where.isZero()) {
                return Optional.empty();
            }
            return Optional.of(new GeoPoint(where.getLongitude(), where.getLatitude()));
        } catch (ImageProcessingException | IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
