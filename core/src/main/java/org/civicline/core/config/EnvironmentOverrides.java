package org.civicline.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Replaces configuration values from environment variables named {@code CIVICLINE_} + the key path in upper snake
 * case: {@code wechat.aesKey} → {@code CIVICLINE_WECHAT_AES_KEY}. The variable's text is read as the type the YAML
 * value has (number, boolean, text; a list from comma-separated items).
 */
public final class EnvironmentOverrides {
    public static final String PREFIX = "CIVICLINE_";

    private EnvironmentOverrides() {
    }

    /** {@code http.port} → {@code CIVICLINE_HTTP_PORT}. */
    public static String variableFor(String keyPath) {
        StringBuilder name = new StringBuilder(PREFIX);
        for (int i = 0; i < keyPath.length(); i++) {
            char c = keyPath.charAt(i);
            if (c == '.' || c == '-') {
                name.append('_');
            } else if (Character.isUpperCase(c)) {
                if (i > 0 && keyPath.charAt(i - 1) != '.' && !Character.isUpperCase(keyPath.charAt(i - 1))) {
                    name.append('_');
                }
                name.append(c);
            } else {
                name.append(Character.toUpperCase(c));
            }
        }
        return name.toString();
    }

    /** Applies every matching variable to {@code tree} in place; problems name the variable and the key. */
    public static List<String> apply(ObjectNode tree, Map<String, String> environment) {
        List<String> problems = new ArrayList<>();
        walk(tree, "", environment, problems);
        return problems;
    }

    private static void walk(ObjectNode node, String prefix, Map<String, String> env, List<String> problems) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        List<Map.Entry<String, JsonNode>> replacements = new ArrayList<>();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                walk((ObjectNode) value, path, env, problems);
                continue;
            }
            String variable = variableFor(path);
            String text = env.get(variable);
            if (text == null) {
                continue;
            }
            JsonNode parsed = parse(value, text, variable, path, problems);
            if (parsed != null) {
                replacements.add(Map.entry(field.getKey(), parsed));
            }
        }
        replacements.forEach(r -> node.set(r.getKey(), r.getValue()));
    }

    private static JsonNode parse(JsonNode current, String text, String variable, String path, List<String> problems) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        String trimmed = text.trim();
        try {
            if (current.isIntegralNumber()) {
                return f.numberNode(Long.parseLong(trimmed));
            }
            if (current.isNumber()) {
                return f.numberNode(Double.parseDouble(trimmed));
            }
        } catch (NumberFormatException e) {
            problems.add(path + ": " + variable + " must be a number, got '" + text + "'");
            return null;
        }
        if (current.isBoolean()) {
            if (!trimmed.equalsIgnoreCase("true") && !trimmed.equalsIgnoreCase("false")) {
                problems.add(path + ": " + variable + " must be true or false, got '" + text + "'");
                return null;
            }
            return f.booleanNode(Boolean.parseBoolean(trimmed));
        }
        if (current.isArray()) {
            ArrayNode items = f.arrayNode();
            for (String item : trimmed.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.trim());
                }
            }
            return items;
        }
        return f.textNode(text);
    }
}
