package org.civicline.core.model;

/** A photo, recording or file kept beside a contact or case; {@code reference} is a store path, URL or vendor media id. */
public record Attachment(String kind, String reference, String contentType, long sizeBytes) {
    public Attachment {
        requireText(kind, "kind");
        requireText(reference, "reference");
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("attachment " + field + " is required");
        }
    }
}
