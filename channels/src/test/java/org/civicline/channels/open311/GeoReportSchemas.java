package org.civicline.channels.open311;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The GeoReport v2 JSON Schemas from open311/schema-validation (copied unchanged into test resources), and the same
 * rules applied to XML answers by reading the XML into the JSON shape the schemas describe.
 */
final class GeoReportSchemas {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
            builder -> builder.schemaMappers(m -> m.mapPrefix("https://schemas.open311.test/",
                    "classpath:open311-schemas/")));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();
    private static final Set<String> NUMBERS = Set.of("lat", "long", "order", "code");
    private static final Set<String> BOOLEANS = Set.of("metadata", "variable", "required");
    private static final Set<String> LISTS = Set.of("attributes", "values", "notes", "endpoints", "formats");

    private GeoReportSchemas() {
    }

    /** Fails the test with every violation listed; returns the parsed body. */
    static JsonNode assertValid(String schemaFile, String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            JsonSchema schema = FACTORY.getSchema(SchemaLocation.of("https://schemas.open311.test/" + schemaFile),
                    CONFIG);
            Set<ValidationMessage> errors = schema.validate(node);
            assertThat(errors).as(schemaFile + " violations in " + json).isEmpty();
            return node;
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    /**
     * The answer of {@code POST requests} and {@code GET tokens}, which the schema folder describes only in its
     * Swagger file ({@code RequestResponse}, {@code TokenResponse}): a list of such objects.
     */
    static JsonNode assertValidAnswer(String definition, String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
        assertThat(node.isArray()).as(json).isTrue();
        assertThat(node).as(json).isNotEmpty();
        JsonSchema schema = FACTORY.getSchema(SchemaLocation.of("https://schemas.open311.test/swagger.json#/definitions/"
                + definition), CONFIG);
        for (JsonNode item : node) {
            assertThat(schema.validate(item)).as(definition + " violations in " + json).isEmpty();
        }
        return node;
    }

    /** Reads a GeoReport XML answer into the JSON shape (lists, numbers, booleans, nulls) and checks it. */
    static JsonNode assertValidXml(String schemaFile, String xml, String rootElement) {
        assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        Element root = parse(xml);
        assertThat(root.getTagName()).isEqualTo(rootElement);
        JsonNode json = root.getTagName().equals("service_definition") || root.getTagName().equals("discovery")
                ? object(root) : list(root);
        if (schemaFile != null) {
            assertValid(schemaFile, json.toString());
        }
        return json;
    }

    static Element parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                    .getDocumentElement();
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + xml, e);
        }
    }

    private static ArrayNode list(Element wrapper) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Node n = wrapper.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                array.add(hasElements(e) ? object(e) : text(e.getTagName(), e));
            }
        }
        return array;
    }

    private static ObjectNode object(Element element) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                if (LISTS.contains(e.getTagName())) {
                    object.set(e.getTagName(), list(e));
                } else {
                    object.set(e.getTagName(), hasElements(e) ? object(e) : text(e.getTagName(), e));
                }
            }
        }
        return object;
    }

    private static JsonNode text(String name, Element e) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        String text = e.getTextContent();
        if (text.isEmpty()) {
            return f.nullNode();
        }
        if (NUMBERS.contains(name) && text.matches("-?\\d+(\\.\\d+)?")) {
            return text.contains(".") ? f.numberNode(Double.parseDouble(text)) : f.numberNode(Long.parseLong(text));
        }
        if (BOOLEANS.contains(name)) {
            assertThat(text).as(name).isIn("true", "false");
            return f.booleanNode(Boolean.parseBoolean(text));
        }
        return f.textNode(text);
    }

    private static boolean hasElements(Element e) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element) {
                return true;
            }
        }
        return false;
    }
}
