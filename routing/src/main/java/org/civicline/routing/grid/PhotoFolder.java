package org.civicline.routing.grid;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The upload folder and photo size limit of the {@code channels:} section, read here too so that grid workers'
 * photos sit beside residents' under the one configured folder (in a {@code grid/} subfolder).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PhotoFolder(String uploadDir, int maxUploadBytes) {
    public PhotoFolder {
        uploadDir = uploadDir == null || uploadDir.isBlank() ? "data/uploads" : uploadDir;
        maxUploadBytes = maxUploadBytes <= 0 ? 5 * 1024 * 1024 : maxUploadBytes;
    }
}
