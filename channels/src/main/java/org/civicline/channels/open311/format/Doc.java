package org.civicline.channels.open311.format;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A GeoReport answer before it is written as XML or JSON, so that both formats come from the same values. Field
 * values are text, numbers, booleans, null, or nested documents.
 */
public sealed interface Doc {

    /** An object; {@code element} is its XML element name when it stands alone or in a list. */
    record Obj(String element, Map<String, Object> fields) implements Doc {
        public Obj(String element) {
            this(element, new LinkedHashMap<>());
        }

        public Obj put(String name, Object value) {
            fields.put(name, value);
            return this;
        }
    }

    /** A list: in XML the {@code element} wraps one {@code item} element per entry. */
    record Arr(String element, String item, List<?> items) implements Doc {
    }
}
