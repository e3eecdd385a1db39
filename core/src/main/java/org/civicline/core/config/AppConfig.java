package org.civicline.core.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.civicline.core.json.Jsons;

/**
 * The application configuration: {@code application.yaml} with environment overrides applied. Each module binds
 * the section it owns to a record with {@link #section}; the errors name the full key.
 */
public final class AppConfig {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** The project's mapper, except that a key left out of the file takes the record's default. */
    private static final ObjectMapper BINDER = Jsons.mapper().copy()
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private final Path directory;
    private final ObjectNode tree;

    private AppConfig(Path directory, ObjectNode tree) {
        this.directory = directory;
        this.tree = tree;
    }

    /** Loads {@code directory/application.yaml} and applies {@code environment} overrides. */
    public static AppConfig load(Path directory, Map<String, String> environment) {
        Path file = directory.resolve("application.yaml");
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": not found (set --config or CIVICLINE_CONFIG_DIR to the config folder)");
        } catch (IOException e) {
            throw new ConfigException(file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            root = JsonNodeFactory.instance.objectNode();
        }
        if (!root.isObject()) {
            throw new ConfigException(file + ": the top level must be a map of sections");
        }
        ObjectNode tree = (ObjectNode) root;
        List<String> problems = EnvironmentOverrides.apply(tree, environment);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new AppConfig(directory, tree);
    }

    public static AppConfig of(Path directory, ObjectNode tree) {
        return new AppConfig(directory, tree.deepCopy());
    }

    /** The folder holding application.yaml and the reference data. */
    public Path directory() {
        return directory;
    }

    public boolean has(String path) {
        return !node(path).isMissingNode();
    }

    /** Binds the section at {@code path} (e.g. "http", "store.redis") and validates it. */
    public <T> T section(String path, Class<T> type) {
        JsonNode node = node(path);
        if (node.isMissingNode() || node.isNull()) {
            node = JsonNodeFactory.instance.objectNode();
        }
        T value;
        try {
            value = BINDER.treeToValue(node, type);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(path + "." + e.getPropertyName() + ": unknown key; known keys: "
                    + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")));
        } catch (InvalidFormatException e) {
            throw new ConfigException(keyOf(path, e) + ": expected " + describe(e.getTargetType()) + ", got '"
                    + e.getValue() + "'");
        } catch (MismatchedInputException e) {
            throw new ConfigException(keyOf(path, e) + ": expected " + describe(e.getTargetType()));
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(path + ": " + e.getMessage().lines().findFirst().orElse("invalid"));
        }
        if (value instanceof ConfigSection section) {
            List<String> problems = new ArrayList<>();
            for (String problem : section.problems()) {
                problems.add(path + "." + problem);
            }
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
        }
        return value;
    }

    private JsonNode node(String path) {
        JsonNode node = tree;
        for (String part : path.split("\\.")) {
            node = node.path(part);
        }
        return node;
    }

    private static String keyOf(String section, MismatchedInputException e) {
        StringBuilder key = new StringBuilder(section);
        e.getPath().forEach(ref -> key.append(ref.getFieldName() != null ? "." + ref.getFieldName()
                : "[" + ref.getIndex() + "]"));
        return key.toString();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "another value";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a " + type.getSimpleName() + " section";
    }
}
