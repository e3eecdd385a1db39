package org.civicline.core.reference;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reads the reference YAML files into their record shapes, turning every failure into a message naming the file. */
final class YamlFiles {
    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private YamlFiles() {
    }

    static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ReferenceDataException(file.toString(), List.of("file not found"), e);
        } catch (IOException e) {
            throw new ReferenceDataException(file.toString(), List.of("cannot read the file: " + e), e);
        }
    }

    /** The document in {@code yaml} as {@code type}; {@code source} names it in error messages. */
    static <T> T parse(String yaml, String source, Class<T> type) {
        if (yaml.isBlank()) {
            throw new ReferenceDataException(source, List.of("the file is empty"));
        }
        T value;
        try {
            value = MAPPER.readValue(yaml, type);
        } catch (JsonProcessingException e) {
            throw new ReferenceDataException(source, List.of(describe(e, yaml)), e);
        }
        if (value == null) {
            throw new ReferenceDataException(source, List.of("the file holds no document"));
        }
        return value;
    }

    private static String describe(JsonProcessingException e, String yaml) {
        StringBuilder text = new StringBuilder();
        StreamReadException syntax = syntaxError(e);
        if (syntax != null) {
            // Not valid YAML (or a key given twice): the parser's location is where the problem is.
            JsonLocation location = syntax.getLocation();
            if (location != null && location.getLineNr() > 0) {
                text.append("line ").append(location.getLineNr()).append(", column ").append(location.getColumnNr())
                        .append(": ");
            }
            return text.append(syntax.getOriginalMessage()).toString();
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            // The document is valid YAML but does not fit the shape. Jackson's location for these points past the
            // offending key, so name the place by its path and by the entry (code, name) that holds it instead.
            text.append("at ").append(path(mapping.getPath()));
            String entry = entry(yaml, mapping.getPath());
            if (entry != null) {
                text.append(" (in ").append(entry).append(')');
            }
            text.append(": ");
        } else {
            JsonLocation location = e.getLocation();
            if (location != null && location.getLineNr() > 0) {
                text.append("line ").append(location.getLineNr()).append(", column ").append(location.getColumnNr())
                        .append(": ");
            }
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds() == null ? "" : unknown.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
            text.append("unknown field '").append(unknown.getPropertyName()).append("'");
            if (!known.isEmpty()) {
                text.append("; known fields: ").append(known);
            }
        } else {
            text.append(e.getOriginalMessage());
        }
        return text.toString();
    }

    private static StreamReadException syntaxError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamReadException read) {
                return read;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** "0103 井盖缺失破损": code and name of the innermost entry along {@code references}, or null. */
    private static String entry(String yaml, List<JsonMappingException.Reference> references) {
        JsonNode node;
        try {
            node = MAPPER.readTree(yaml);
        } catch (JsonProcessingException e) {
            return null;
        }
        String found = null;
        for (JsonMappingException.Reference reference : references) {
            if (node == null) {
                break;
            }
            node = reference.getFieldName() != null ? node.get(reference.getFieldName()) : node.get(reference.getIndex());
            if (node != null && node.isObject()) {
                String label = Stream.of(node.get("code"), node.get("name"))
                        .filter(n -> n != null && n.isValueNode() && !n.asText().isBlank())
                        .map(JsonNode::asText)
                        .collect(Collectors.joining(" "));
                if (!label.isEmpty()) {
                    found = label;
                }
            }
        }
        return found;
    }

    /** "categories[3].subcategories[0].limit" from Jackson's reference chain. */
    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder text = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                if (!text.isEmpty()) {
                    text.append('.');
                }
                text.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                text.append('[').append(reference.getIndex()).append(']');
            }
        }
        return text.toString();
    }
}
