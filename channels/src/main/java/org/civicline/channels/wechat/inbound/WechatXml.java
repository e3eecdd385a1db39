package org.civicline.channels.wechat.inbound;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads WeChat's flat {@code <xml>} documents. XML from the outside is hostile: a DOCTYPE is refused outright (no
 * entity expansion, no external fetches), and only the root's direct children are read.
 */
public final class WechatXml {
    private static final int MAX_FIELDS = 64;
    private static final DocumentBuilderFactory FACTORY = hardenedFactory();
    /**
     * Building a parser costs more than parsing a message: each thread keeps one and resets it between documents
     * (a reset parser keeps the factory's hardening).
     */
    private static final ThreadLocal<DocumentBuilder> BUILDERS = ThreadLocal.withInitial(WechatXml::newBuilder);

    private WechatXml() {
    }

    /** Field name → text. {@link MalformedXmlException} for anything that is not a flat {@code <xml>} document. */
    public static Map<String, String> parse(byte[] body) {
        Element root;
        DocumentBuilder builder = BUILDERS.get();
        try {
            builder.setErrorHandler(SILENT);
            builder.setEntityResolver(NO_ENTITIES);
            root = builder.parse(new ByteArrayInputStream(body)).getDocumentElement();
        } catch (SAXException | IOException e) {
            throw new MalformedXmlException("the body is not well-formed XML without a DOCTYPE");
        } finally {
            builder.reset();
        }
        if (!"xml".equals(root.getTagName())) {
            throw new MalformedXmlException("the root element must be <xml>, got <" + root.getTagName() + ">");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        NodeList children = root.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node child = children.item(i);
            if (child.getNodeType() == Node.ELEMENT_NODE) {
                if (fields.size() == MAX_FIELDS) {
                    throw new MalformedXmlException("more than " + MAX_FIELDS + " fields");
                }
                fields.put(child.getNodeName(), child.getTextContent().strip());
            }
        }
        return fields;
    }

    /** The body was not a flat {@code <xml>} document; the message never quotes the input. */
    public static final class MalformedXmlException extends RuntimeException {
        public MalformedXmlException(String message) {
            super(message);
        }
    }

    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private static final org.xml.sax.EntityResolver NO_ENTITIES = (publicId, systemId) -> {
        throw new SAXException("external entities are not allowed");
    };

    private static DocumentBuilder newBuilder() {
        try {
            synchronized (FACTORY) {
                return FACTORY.newDocumentBuilder();
            }
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser cannot be hardened", e);
        }
    }

    private static DocumentBuilderFactory hardenedFactory() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        try {
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser cannot be hardened", e);
        }
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(false);
        return factory;
    }
}
