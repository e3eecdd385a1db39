package org.civicline.channels.open311;

import java.util.List;
import java.util.Optional;
import org.civicline.channels.open311.format.Doc;
import org.civicline.core.model.Category;
import org.civicline.core.reference.CategoryCatalog;

/**
 * Open311 services are the case categories. Every service has one optional attribute, {@code urgency}, that raises
 * the case's priority; so {@code metadata} is true and a definition exists for each.
 */
public final class ServiceCatalog {
    public static final String URGENCY = "urgency";
    public static final String URGENT = "urgent";
    public static final String NORMAL = "normal";

    private final CategoryCatalog categories;

    public ServiceCatalog(CategoryCatalog categories) {
        this.categories = categories;
    }

    public Optional<Category> find(String code) {
        return categories.category(code);
    }

    public Doc services() {
        List<Doc.Obj> services = categories.entries().stream().map(entry -> {
            Category c = entry.category();
            String group = c.isMain() ? c.name()
                    : categories.category(c.parentCode()).map(Category::name).orElse(null);
            return new Doc.Obj("service")
                    .put("service_code", c.code())
                    .put("service_name", c.name())
                    .put("description", entry.nameEn() == null ? c.name() : c.name() + " (" + entry.nameEn() + ")")
                    .put("metadata", true)
                    .put("type", "batch")
                    .put("keywords", entry.keywords().isEmpty() ? null : String.join(",", entry.keywords()))
                    .put("group", group);
        }).toList();
        return new Doc.Arr("services", "service", services);
    }

    public Doc definition(Category category) {
        Doc.Obj urgency = new Doc.Obj("attribute")
                .put("variable", true)
                .put("code", URGENCY)
                .put("datatype", "singlevaluelist")
                .put("required", false)
                .put("datatype_description", "是否紧急（危及人身财产安全时选紧急）")
                .put("order", 1)
                .put("description", "紧急程度")
                .put("values", new Doc.Arr("values", "value", List.of(
                        new Doc.Obj("value").put("key", NORMAL).put("name", "一般"),
                        new Doc.Obj("value").put("key", URGENT).put("name", "紧急"))));
        return new Doc.Obj("service_definition")
                .put("service_code", category.code())
                .put("attributes", new Doc.Arr("attributes", "attribute", List.of(urgency)));
    }

    /** The allowed values of attribute {@code code}, empty for an attribute that does not exist. */
    public static Optional<List<String>> attributeValues(String code) {
        return URGENCY.equals(code) ? Optional.of(List.of(NORMAL, URGENT)) : Optional.empty();
    }
}
