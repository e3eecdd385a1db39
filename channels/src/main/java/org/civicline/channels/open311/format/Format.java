package org.civicline.channels.open311.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.civicline.core.json.Jsons;

/** GeoReport's two formats, chosen by the URL's extension. */
public enum Format {
    XML("text/xml; charset=utf-8"),
    JSON("application/json; charset=utf-8");

    private final String contentType;

    Format(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    public static Format of(String extension) {
        return "json".equals(extension) ? JSON : XML;
    }

    public String write(Doc doc) {
        return this == JSON ? Jsons.write(json(doc)) : "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + xml(doc, null);
    }

    private static JsonNode json(Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value == null) {
            return f.nullNode();
        }
        if (value instanceof Doc.Obj obj) {
            ObjectNode node = f.objectNode();
            obj.fields().forEach((name, v) -> node.set(name, json(v)));
            return node;
        }
        if (value instanceof Doc.Arr arr) {
            ArrayNode node = f.arrayNode();
            arr.items().forEach(item -> node.add(json(item)));
            return node;
        }
        if (value instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return f.numberNode(i);
        }
        if (value instanceof Double d) {
            return f.numberNode(d);
        }
        return f.textNode(value.toString());
    }

    /** {@code name} overrides the document's own element name when it is a field of its parent. */
    private static String xml(Object value, String name) {
        StringBuilder out = new StringBuilder();
        if (value instanceof Doc.Obj obj) {
            String element = name != null ? name : obj.element();
            out.append('<').append(element).append('>');
            for (Map.Entry<String, Object> field : obj.fields().entrySet()) {
                out.append(xml(field.getValue(), field.getKey()));
            }
            out.append("</").append(element).append('>');
        } else if (value instanceof Doc.Arr arr) {
            String element = name != null ? name : arr.element();
            out.append('<').append(element).append('>');
            arr.items().forEach(item -> out.append(xml(item, arr.item())));
            out.append("</").append(element).append('>');
        } else if (value == null) {
            out.append('<').append(name).append("/>");
        } else {
            out.append('<').append(name).append('>').append(escape(value.toString())).append("</").append(name)
                    .append('>');
        }
        return out.toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                default -> {
                    // Characters XML 1.0 cannot carry at all are dropped rather than emitted as broken XML.
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
