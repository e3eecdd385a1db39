package org.civicline.core.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.civicline.core.time.TimeLimit;

/**
 * One node of the two-level 12345 taxonomy. Main categories have a null {@code parentCode}.
 *
 * @param timeLimit  the default handling time limit for cases of this category
 * @param department the department that handles it by default (承办单位)
 */
public record Category(String code, String name, String parentCode, TimeLimit timeLimit, String department) {

    @JsonIgnore
    public boolean isMain() {
        return parentCode == null;
    }
}
