package org.civicline.core.config;

import java.util.List;

/** A typed configuration section that can say what is wrong with its values, naming each key. */
public interface ConfigSection {

    /** Problems as "key: what was expected, what was found"; keys relative to the section. Empty when valid. */
    List<String> problems();
}
