package org.civicline.core.cases.departments;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.civicline.core.config.ConfigException;
import org.civicline.core.model.Category;
import org.civicline.core.reference.CategoryCatalog;

/**
 * The departments and the dispatch catalogue (派单目录) of {@code reference/departments.yaml}: which department a
 * category goes to, and which categories are local matters that go to the street office of the case's grid.
 */
public final class DepartmentDirectory {
    public static final String FILE = "reference/departments.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The shape of departments.yaml. */
    public record File(List<Department> departments, List<String> localCategories) {
    }

    private final Map<String, Department> byName;
    private final Map<String, String> byCategory;
    private final Set<String> localCategories;
    private final CategoryCatalog catalog;

    private DepartmentDirectory(Map<String, Department> byName, Map<String, String> byCategory,
                                Set<String> localCategories, CategoryCatalog catalog) {
        this.byName = byName;
        this.byCategory = byCategory;
        this.localCategories = localCategories;
        this.catalog = catalog;
    }

    public static DepartmentDirectory load(Path configDir, CategoryCatalog catalog) {
        Path file = configDir.resolve(FILE);
        try {
            return of(YAML.readValue(Files.readString(file), File.class), catalog, file.toString());
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(file + ": " + e.getMessage().lines().findFirst().orElse("unreadable"));
        }
    }

    /** Checks that every category's department exists and every listed code is a category. */
    public static DepartmentDirectory of(File file, CategoryCatalog catalog, String source) {
        List<String> problems = new ArrayList<>();
        Map<String, Department> byName = new LinkedHashMap<>();
        for (Department d : file.departments() == null ? List.<Department>of() : file.departments()) {
            if (byName.put(d.name(), d) != null) {
                problems.add("departments: '" + d.name() + "' is listed twice");
            }
        }
        Map<String, String> byCategory = new LinkedHashMap<>();
        for (CategoryCatalog.Entry entry : catalog.entries()) {
            Category c = entry.category();
            if (c.department() != null) {
                if (!byName.containsKey(c.department())) {
                    problems.add("category " + c.code() + " " + c.name() + " goes to '" + c.department()
                            + "', which is not in departments");
                }
                byCategory.put(c.code(), c.department());
            }
        }
        for (Department d : byName.values()) {
            for (String code : d.categories()) {
                if (catalog.category(code).isEmpty()) {
                    problems.add("departments." + d.name() + ".categories: '" + code + "' is not a category");
                }
                byCategory.put(code, d.name());
            }
        }
        List<String> local = file.localCategories() == null ? List.of() : file.localCategories();
        for (String code : local) {
            if (catalog.category(code).isEmpty()) {
                problems.add("localCategories: '" + code + "' is not a category");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.stream().map(p -> source + ": " + p).toList());
        }
        return new DepartmentDirectory(byName, byCategory, Set.copyOf(local), catalog);
    }

    public Optional<Department> find(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    public List<Department> all() {
        return List.copyOf(byName.values());
    }

    /**
     * Where a case of {@code categoryCode} in grid {@code gridCode} (either may be null) is dispatched: the street
     * office of the grid for local matters, else the catalogue's department for the category or its main category.
     */
    public Optional<Department> dispatchTarget(String categoryCode, String gridCode) {
        if (categoryCode == null) {
            return Optional.empty();
        }
        Optional<Category> category = catalog.category(categoryCode);
        String main = category.map(c -> c.isMain() ? c.code() : c.parentCode()).orElse(null);
        boolean local = localCategories.contains(categoryCode) || main != null && localCategories.contains(main);
        if (local && gridCode != null) {
            Optional<Department> office = byName.values().stream()
                    .filter(d -> d.gridPrefix() != null && gridCode.startsWith(d.gridPrefix()))
                    .max((a, b) -> Integer.compare(a.gridPrefix().length(), b.gridPrefix().length()));
            if (office.isPresent()) {
                return office;
            }
        }
        String name = byCategory.getOrDefault(categoryCode, main == null ? null : byCategory.get(main));
        return find(name);
    }
}
