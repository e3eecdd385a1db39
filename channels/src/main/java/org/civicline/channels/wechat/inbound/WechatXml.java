package org.civicline.channels.wechat.inbound;

import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads WeChat's flat {@code <xml>} documents with a streaming parser (no document tree: a message is read once, field
 * by field). XML from the outside is hostile: a DOCTYPE is refused outright (no entity expansion, no external
 * fetches), and only the root's direct children are read, each as all the text beneath it.
 */
public final class WechatXml {
    private static final int MAX_FIELDS = 64;
    /** A factory per thread: configured once, never shared across threads. */
    private static final ThreadLocal<XMLInputFactory> FACTORIES = ThreadLocal.withInitial(WechatXml::hardenedFactory);

    private WechatXml() {
    }

    /** Field name → text. {@link MalformedXmlException} for anything that is not a flat {@code <xml>} document. */
    public static Map<String, String> parse(byte[] body) {
        XMLStreamReader reader = null;
        try {
            reader = FACTORIES.get().createXMLStreamReader(new ByteArrayInputStream(body));
            return fields(reader);
        } catch (MalformedXmlException e) {
            throw e;
        } catch (XMLStreamException | RuntimeException e) {
            throw new MalformedXmlException("the body is not well-formed XML without a DOCTYPE");
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // Nothing held open: the input is a byte array.
                }
            }
        }
    }

    private static Map<String, String> fields(XMLStreamReader reader) throws XMLStreamException {
        Map<String, String> fields = new LinkedHashMap<>();
        boolean rootSeen = false;
        int depth = 0;
        String field = null;
        StringBuilder text = new StringBuilder();
        while (reader.hasNext()) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE ->
                        throw new MalformedXmlException("the body is not well-formed XML without a DOCTYPE");
                case XMLStreamConstants.START_ELEMENT -> {
                    depth++;
                    if (depth == 1) {
                        if (!"xml".equals(reader.getLocalName())) {
                            throw new MalformedXmlException("the root element must be <xml>, got <"
                                    + reader.getLocalName() + ">");
                        }
                        rootSeen = true;
                    } else if (depth == 2) {
                        if (fields.size() == MAX_FIELDS) {
                            throw new MalformedXmlException("more than " + MAX_FIELDS + " fields");
                        }
                        field = reader.getLocalName();
                        text.setLength(0);
                    }
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (depth >= 2) {
                        text.append(reader.getText());
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    if (depth == 2) {
                        fields.put(field, text.toString().strip());
                    }
                    depth--;
                }
                default -> {
                    // Comments, processing instructions, the XML declaration: nothing to read.
                }
            }
        }
        if (!rootSeen) {
            throw new MalformedXmlException("the body is not well-formed XML without a DOCTYPE");
        }
        return fields;
    }

    /** The body was not a flat {@code <xml>} document; the message never quotes the input. */
    public static final class MalformedXmlException extends RuntimeException {
        public MalformedXmlException(String message) {
            super(message);
        }
    }

    private static XMLInputFactory hardenedFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        return factory;
    }
}
