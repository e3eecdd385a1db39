package org.civicline.channels;

import java.util.ArrayList;
import java.util.List;
import org.civicline.core.config.ConfigSection;

/**
 * The {@code channels} section: what every channel shares.
 *
 * @param publicUrl      how residents and vendors reach this server (photo links, Open311 discovery)
 * @param outboxSize     outgoing messages kept in the outbox log
 * @param uploadDir      where uploaded photos and letter attachments are kept (relative: to the working directory)
 * @param maxUploadBytes largest photo or attachment accepted
 */
public record ChannelsConfig(String publicUrl, int outboxSize, String uploadDir, int maxUploadBytes)
        implements ConfigSection {

    public ChannelsConfig {
        publicUrl = publicUrl == null || publicUrl.isBlank() ? "http://localhost:8080"
                : publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        outboxSize = outboxSize == 0 ? 200 : outboxSize;
        uploadDir = uploadDir == null || uploadDir.isBlank() ? "data/uploads" : uploadDir;
        maxUploadBytes = maxUploadBytes == 0 ? 5 * 1024 * 1024 : maxUploadBytes;
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!publicUrl.matches("https?://[^\\s]+")) {
            problems.add("publicUrl: expected an http(s) URL, got '" + publicUrl + "'");
        }
        if (outboxSize < 1) {
            problems.add("outboxSize: expected at least 1, got " + outboxSize);
        }
        if (maxUploadBytes < 1024) {
            problems.add("maxUploadBytes: expected at least 1024, got " + maxUploadBytes);
        }
        return problems;
    }
}
