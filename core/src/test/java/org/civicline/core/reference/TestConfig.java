package org.civicline.core.reference;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's config/ directory: Surefire names it; from an IDE it is ../config of the module. */
final class TestConfig {
    private TestConfig() {
    }

    static Path dir() {
        String property = System.getProperty("civicline.config.dir");
        if (property != null && !property.isBlank() && Files.isDirectory(Path.of(property))) {
            return Path.of(property);
        }
        Path fallback = Path.of("..", "config").toAbsolutePath().normalize();
        if (!Files.isDirectory(fallback)) {
            throw new IllegalStateException("cannot find the config directory: civicline.config.dir is "
                    + property + " and " + fallback + " does not exist");
        }
        return fallback;
    }
}
