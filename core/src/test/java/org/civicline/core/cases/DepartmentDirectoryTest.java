package org.civicline.core.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.civicline.core.cases.departments.Department;
import org.civicline.core.cases.departments.DepartmentDirectory;
import org.civicline.core.config.ConfigException;
import org.civicline.core.reference.CategoryCatalog;
import org.civicline.core.reference.ReferenceData;
import org.junit.jupiter.api.Test;

/** The shipped dispatch catalogue, and what a wrong one says. */
class DepartmentDirectoryTest {
    private static final Path CONFIG = Path.of("..", "config");
    private static final CategoryCatalog CATALOG = ReferenceData.load(CONFIG).categories();

    @Test
    void everyCategoryOfTheShippedTaxonomyHasADepartmentWithAContact() {
        DepartmentDirectory directory = DepartmentDirectory.load(CONFIG, CATALOG);

        for (CategoryCatalog.Entry entry : CATALOG.entries()) {
            Department d = directory.dispatchTarget(entry.code(), null).orElseThrow(() ->
                    new AssertionError("no department for " + entry.code() + " " + entry.name()));
            assertThat(d.handler().phone()).as(d.name()).isNotBlank();
            assertThat(d.head().phone()).as(d.name()).isNotBlank();
        }
    }

    @Test
    void aLocalMatterGoesToTheStreetOfficeOfTheGridAndOtherwiseToTheCategorysDepartment() {
        DepartmentDirectory directory = DepartmentDirectory.load(CONFIG, CATALOG);

        assertThat(directory.dispatchTarget("0302", "330106001002003")).map(Department::name)
                .contains("西湖街道办事处");
        assertThat(directory.dispatchTarget("0302", "330999001002003")).map(Department::name)
                .contains("公安局");
        assertThat(directory.dispatchTarget("0102", "330106001002003")).map(Department::name).contains("城管局");
        assertThat(directory.dispatchTarget("1701", null)).map(Department::name).contains("通信管理局");
    }

    @Test
    void aCategoryWhoseDepartmentIsMissingIsNamedInTheError() {
        DepartmentDirectory.File file = new DepartmentDirectory.File(List.of(
                new Department("城管局", null, null, List.of("9999"), null)), List.of("0000"));

        assertThatThrownBy(() -> DepartmentDirectory.of(file, CATALOG, "departments.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("category 0101 道路桥梁 goes to '市政管理处', which is not in departments")
                .hasMessageContaining("departments.城管局.categories: '9999' is not a category")
                .hasMessageContaining("localCategories: '0000' is not a category");
    }
}
