package org.civicline.core.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.civicline.core.model.Category;
import org.civicline.core.time.TimeLimit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CategoryCatalogTest {

    @Nested
    class TheRealCatalog {
        private final CategoryCatalog catalog = CategoryCatalog.load(TestConfig.dir().resolve(ReferenceData.CATEGORIES_FILE));

        @Test
        void isBigEnough() {
            assertThat(catalog.mains()).hasSizeGreaterThanOrEqualTo(12);
            assertThat(catalog.subs()).hasSizeGreaterThanOrEqualTo(70);
            assertThat(catalog.size()).isEqualTo(catalog.mains().size() + catalog.subs().size());
        }

        @Test
        void everySubResolvesALimitAndADepartment() {
            for (Category sub : catalog.subs()) {
                assertThat(sub.timeLimit()).as("limit of %s %s", sub.code(), sub.name()).isNotNull();
                assertThat(sub.department()).as("department of %s %s", sub.code(), sub.name()).isNotBlank();
                assertThat(sub.code()).hasSize(4).startsWith(sub.parentCode());
                assertThat(catalog.category(sub.parentCode())).get().extracting(Category::isMain).isEqualTo(true);
            }
        }

        @Test
        void everyEntryHasAnEnglishNameAndKeywords() {
            for (CategoryCatalog.Entry entry : catalog.entries()) {
                assertThat(entry.nameEn()).as("English name of %s", entry.code()).isNotBlank();
                assertThat(entry.keywords()).as("keywords of %s", entry.code()).isNotEmpty();
            }
        }

        @Test
        void mainsComeInFileOrderWithTheirSubs() {
            assertThat(catalog.mains().get(0)).extracting(Category::code, Category::name).containsExactly("01", "城乡建设");
            assertThat(catalog.subsOf("01")).extracting(Category::code).startsWith("0101", "0102", "0103");
            assertThat(catalog.subsOf("99")).isEmpty();
            for (Category main : catalog.mains()) {
                assertThat(main.code()).hasSize(2);
                assertThat(main.parentCode()).isNull();
            }
        }

        @Test
        void ownLimitsAndDepartments() {
            assertThat(catalog.require("0108")).isEqualTo(new Category("0108", "停水", "01",
                    TimeLimit.calendarHours(24), "供水公司"));
            assertThat(catalog.require("0110").timeLimit()).isEqualTo(TimeLimit.calendarHours(24));
            assertThat(catalog.require("0104").timeLimit()).isEqualTo(TimeLimit.workingDays(15));
        }

        @Test
        void subsInheritFromTheirMain() {
            // 物业管理 gives its own limit but not a department: 城乡建设's 市住建局.
            assertThat(catalog.require("0105").department()).isEqualTo("市住建局");
            // 垃圾分类 gives neither limit nor ... its department: 市容环卫's 5 working days and 城管局.
            assertThat(catalog.require("0202").timeLimit()).isEqualTo(TimeLimit.workingDays(5));
            assertThat(catalog.require("0202").department()).isEqualTo("城管局");
            // 表扬感谢 subs inherit both.
            assertThat(catalog.subsOf("15")).allSatisfy(sub -> {
                assertThat(sub.timeLimit()).isEqualTo(TimeLimit.workingDays(3));
                assertThat(sub.department()).isEqualTo("热线办");
            });
        }

        @Test
        void searchByKeywordNameCodeAndFreeText() {
            assertThat(catalog.search("井盖")).first().extracting(CategoryCatalog.Entry::code).isEqualTo("0103");
            assertThat(catalog.search("0103")).first().extracting(CategoryCatalog.Entry::code).isEqualTo("0103");
            assertThat(catalog.search("物业")).first().extracting(CategoryCatalog.Entry::code).isEqualTo("0105");
            assertThat(catalog.search("路灯不亮")).first().extracting(CategoryCatalog.Entry::code).isEqualTo("0102");
            assertThat(catalog.search("楼上噪音扰民")).extracting(CategoryCatalog.Entry::code).contains("0302");
            assertThat(catalog.search("欠薪")).first().extracting(CategoryCatalog.Entry::code).isEqualTo("0601");
            assertThat(catalog.search("elevator")).extracting(CategoryCatalog.Entry::code).contains("0106");
            assertThat(catalog.search("  ")).isEmpty();
            assertThat(catalog.search("完全无关的词语xyz")).isEmpty();
        }

        @Test
        void pinyinInitialsFindTheNamesAgentsMean() {
            assertThat(catalog.initialsOf("0102")).containsExactly("ldzm");
            // "ld" is 路灯照明 first, before the English "e-ld-erly" of 养老.
            assertThat(catalog.search("ld")).first().extracting(CategoryCatalog.Entry::code).isEqualTo("0102");
            assertThat(catalog.search("LD")).first().extracting(CategoryCatalog.Entry::code).isEqualTo("0102");
            // Names that begin with lj (垃圾清运, 垃圾分类, 老旧小区改造) come before those with lj inside (建筑垃圾与渣土).
            assertThat(catalog.search("lj").subList(0, 3)).extracting(CategoryCatalog.Entry::name)
                    .containsExactlyInAnyOrder("垃圾清运", "垃圾分类", "老旧小区改造");
            assertThat(catalog.search("lj")).extracting(CategoryCatalog.Entry::name).element(3)
                    .isEqualTo("建筑垃圾与渣土");
            assertThat(catalog.search("qzx")).isEmpty();
        }
    }

    @Nested
    class Search {
        private final CategoryCatalog catalog = CategoryCatalog.parse("""
                categories:
                  - code: "01"
                    name: 城乡建设
                    nameEn: Construction
                    limit: { amount: 10, unit: WORKING_DAYS }
                    department: 市住建局
                    keywords: [路灯]
                    subcategories:
                      - { code: "0101", name: 路灯照明, nameEn: Street lamps, keywords: [不亮, 灯杆] }
                      - { code: "0102", name: 道路, nameEn: Roads, keywords: [路面, 路灯杆] }
                """, "search.yaml");

        @Test
        void nameBeforeKeywordSubBeforeMain() {
            // 0101's name contains 路灯; 01 has it as exact keyword; 0102's keyword 路灯杆 contains it.
            assertThat(catalog.search("路灯")).extracting(CategoryCatalog.Entry::code).containsExactly("0101", "01", "0102");
        }

        @Test
        void englishIgnoresCase() {
            assertThat(catalog.search("STREET")).extracting(CategoryCatalog.Entry::code).containsExactly("0101");
        }

        @Test
        void textContainingAKeyword() {
            assertThat(catalog.search("我家门口那个灯不亮了")).extracting(CategoryCatalog.Entry::code).containsExactly("0101");
        }

        @Test
        void lookups() {
            assertThat(catalog.category("0101")).isPresent();
            assertThat(catalog.category(" 0101 ")).isPresent();
            assertThat(catalog.category("0199")).isEmpty();
            assertThat(catalog.category(null)).isEmpty();
            assertThat(catalog.entry("0101")).get().extracting(CategoryCatalog.Entry::nameEn).isEqualTo("Street lamps");
            assertThatThrownBy(() -> catalog.require("0199"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0199");
        }
    }

    @Nested
    class Validation {
        @TempDir
        Path dir;

        private ReferenceDataException failure(String yaml) throws IOException {
            Path file = dir.resolve("categories.yaml");
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
            ReferenceDataException e = catchThrowableOfType(ReferenceDataException.class, () -> CategoryCatalog.load(file));
            assertThat(e).as("loading should fail").isNotNull();
            assertThat(e.getMessage()).startsWith(file.toString() + ": ");
            assertThat(e.source()).isEqualTo(file.toString());
            return e;
        }

        @Test
        void duplicateCodes() throws IOException {
            ReferenceDataException e = failure("""
                    categories:
                      - code: "01"
                        name: 城乡建设
                        limit: { amount: 10, unit: WORKING_DAYS }
                        department: 市住建局
                        subcategories:
                          - { code: "0101", name: 道路桥梁 }
                          - { code: "0101", name: 路灯照明 }
                      - code: "01"
                        name: 市容环卫
                        limit: { amount: 5, unit: WORKING_DAYS }
                        department: 城管局
                    """);
            assertThat(e.problems()).containsExactly(
                    "sub-category 0101 (路灯照明) under main category 01 (城乡建设): duplicate code '0101', already used by "
                            + "sub-category 0101 (道路桥梁) under main category 01 (城乡建设)",
                    "main category 01 (市容环卫): duplicate code '01', already used by main category 01 (城乡建设)");
        }

        @Test
        void subCodeMustStartWithItsMainsCode() throws IOException {
            ReferenceDataException e = failure("""
                    categories:
                      - code: "02"
                        name: 市容环卫
                        limit: { amount: 5, unit: WORKING_DAYS }
                        department: 城管局
                        subcategories:
                          - { code: "0301", name: 垃圾清运 }
                    """);
            assertThat(e.problems()).containsExactly("sub-category 0301 (垃圾清运) under main category 02 (市容环卫): "
                    + "code '0301' must start with its main category's code '02'");
        }

        @Test
        void codesMustHaveTheirLength() throws IOException {
            ReferenceDataException e = failure("""
                    categories:
                      - code: "1"
                        name: 城乡建设
                        limit: { amount: 5, unit: WORKING_DAYS }
                        department: 市住建局
                      - code: "02"
                        name: 市容环卫
                        limit: { amount: 5, unit: WORKING_DAYS }
                        department: 城管局
                        subcategories:
                          - { code: "02A1", name: 垃圾清运 }
                          - { name: 公共厕所 }
                    """);
            assertThat(e.problems()).containsExactly(
                    "main category 1 (城乡建设): code '1' must be two digits, e.g. \"01\" (quote it to keep the leading zero)",
                    "sub-category 02A1 (垃圾清运) under main category 02 (市容环卫): code '02A1' must be four digits, "
                            + "e.g. \"0201\" (quote it to keep the leading zero)",
                    "sub-category #2 (公共厕所) under main category 02 (市容环卫): code is missing (four digits starting "
                            + "with the main category's code, e.g. \"0201\")");
        }

        @Test
        void missingNames() throws IOException {
            ReferenceDataException e = failure("""
                    categories:
                      - code: "01"
                        nameEn: Construction
                        limit: { amount: 5, unit: WORKING_DAYS }
                        department: 市住建局
                        subcategories:
                          - { code: "0101", name: "  ", nameEn: Roads }
                    """);
            assertThat(e.problems()).containsExactly(
                    "main category 01: name (Chinese name) is missing",
                    "sub-category 0101 under main category 01: name (Chinese name) is missing");
        }

        @Test
        void badUnitListsTheAcceptedOnes() throws IOException {
            ReferenceDataException e = failure("""
                    categories:
                      - code: "01"
                        name: 城乡建设
                        department: 市住建局
                        limit: { amount: 5, unit: WORKING_DAYS }
                        subcategories:
                          - { code: "0101", name: 道路桥梁, limit: { amount: 3, unit: DAYS } }
                    """);
            assertThat(e.problems()).containsExactly("sub-category 0101 (道路桥梁) under main category 01 (城乡建设): "
                    + "limit: unknown unit 'DAYS'; accepted units: CALENDAR_HOURS, WORKING_HOURS, WORKING_DAYS");
        }

        @Test
        void badAmounts() throws IOException {
            ReferenceDataException e = failure("""
                    categories:
                      - code: "01"
                        name: 城乡建设
                        department: 市住建局
                        limit: { amount: 0, unit: WORKING_DAYS }
                        subcategories:
                          - { code: "0101", name: 道路桥梁, limit: { unit: WORKING_DAYS } }
                          - { code: "0102", name: 路灯照明, limit: { amount: 2 } }
                    """);
            assertThat(e.problems()).containsExactly(
                    "main category 01 (城乡建设): limit: amount must be greater than 0, got 0",
                    "sub-category 0101 (道路桥梁) under main category 01 (城乡建设): limit: amount is missing "
                            + "(a whole number greater than 0)",
                    "sub-category 0102 (路灯照明) under main category 01 (城乡建设): limit: unit is missing; "
                            + "accepted units: CALENDAR_HOURS, WORKING_HOURS, WORKING_DAYS");
        }

        @Test
        void aSubWithNothingToInherit() throws IOException {
            ReferenceDataException e = failure("""
                    categories:
                      - code: "17"
                        name: 通信邮政
                        subcategories:
                          - { code: "1701", name: 通信服务, department: 通信管理局 }
                          - { code: "1702", name: 快递邮政, limit: { amount: 5, unit: WORKING_DAYS } }
                    """);
            assertThat(e.problems()).containsExactly(
                    "sub-category 1701 (通信服务) under main category 17 (通信邮政): no time limit: "
                            + "give it a 'limit' or give its main category one to inherit",
                    "sub-category 1702 (快递邮政) under main category 17 (通信邮政): no department: "
                            + "give it a 'department' or give its main category one to inherit");
            assertThat(e.getMessage()).contains("2 problems:");
        }

        @Test
        void aMainWithoutLimitOrDepartmentIsFineWhenEverySubHasItsOwn() throws IOException {
            Path file = dir.resolve("categories.yaml");
            Files.writeString(file, """
                    categories:
                      - code: "17"
                        name: 通信邮政
                        subcategories:
                          - code: "1701"
                            name: 通信服务
                            department: 通信管理局
                            limit: { amount: 5, unit: WORKING_DAYS }
                    """, StandardCharsets.UTF_8);
            CategoryCatalog catalog = CategoryCatalog.load(file);
            assertThat(catalog.require("17").timeLimit()).isNull();
            assertThat(catalog.require("1701").timeLimit()).isEqualTo(TimeLimit.workingDays(5));
        }

        @Test
        void unknownFieldsAreNamedWithTheirEntry() throws IOException {
            ReferenceDataException e = failure("""
                    categories:
                      - code: "01"
                        name: 城乡建设
                        department: 市住建局
                        limit: { amount: 5, unit: WORKING_DAYS }
                        subcategories:
                          - { code: "0101", name: 道路桥梁 }
                          - code: "0102"
                            name: 路灯照明
                            departmnet: 城管局
                    """);
            assertThat(e.problems()).containsExactly("at categories[0].subcategories[1].departmnet (in 0102 路灯照明): "
                    + "unknown field 'departmnet'; known fields: code, department, keywords, limit, name, nameEn");
        }

        @Test
        void wrongTypesAreNamedWithTheirEntry() throws IOException {
            ReferenceDataException e = failure("""
                    categories:
                      - code: "01"
                        name: 城乡建设
                        department: 市住建局
                        limit: { amount: five, unit: WORKING_DAYS }
                    """);
            assertThat(e.problems()).singleElement().asString()
                    .startsWith("at categories[0].limit.amount (in 01 城乡建设): ")
                    .contains("five");
        }

        @Test
        void duplicateKeysAreRefused() throws IOException {
            ReferenceDataException e = failure("""
                    categories:
                      - code: "01"
                        name: 城乡建设
                        name: 市容环卫
                    """);
            assertThat(e.getMessage()).contains("line 4").contains("name");
        }

        @Test
        void unquotedCodesKeepTheirDigitsOrAreReported() throws IOException {
            Path file = dir.resolve("categories.yaml");
            Files.writeString(file, """
                    categories:
                      - code: 01
                        name: 城乡建设
                        limit: { amount: 5, unit: WORKING_DAYS }
                        department: 市住建局
                        subcategories:
                          - { code: 0108, name: 停水 }
                    """, StandardCharsets.UTF_8);
            // Jackson hands the scalar's text through, so the leading zero survives even unquoted.
            CategoryCatalog catalog = CategoryCatalog.load(file);
            assertThat(catalog.category("01")).isPresent();
            assertThat(catalog.category("0108")).isPresent();
        }

        @Test
        void noCategories() throws IOException {
            assertThat(failure("categories: []\n").problems())
                    .containsExactly("no categories: the file needs a 'categories:' list of main categories");
            assertThat(failure("# nothing here\n").problems()).hasSize(1);
            assertThat(failure("").problems()).containsExactly("the file is empty");
        }

        @Test
        void notYaml() throws IOException {
            ReferenceDataException e = failure("categories:\n  - code: \"01\n    name: [\n");
            assertThat(e.problems()).singleElement().asString().startsWith("line ");
        }

        @Test
        void missingFile() {
            Path file = dir.resolve("nope.yaml");
            assertThatThrownBy(() -> CategoryCatalog.load(file))
                    .isInstanceOf(ReferenceDataException.class)
                    .hasMessage(file + ": file not found");
        }

        @Test
        void everyProblemIsReportedAtOnce() throws IOException {
            ReferenceDataException e = failure("""
                    categories:
                      - code: "01"
                        name: 城乡建设
                        subcategories:
                          - { code: "0101", name: 道路桥梁, department: 市政, limit: { amount: 1, unit: YEARS } }
                          - { code: "0201", department: 城管局, limit: { amount: 1, unit: WORKING_DAYS } }
                    """);
            assertThat(e.problems()).hasSize(3);
            assertThat(e.problems().get(0)).contains("0101").contains("YEARS");
            assertThat(e.problems().get(1)).contains("0201").contains("must start with");
            assertThat(e.problems().get(2)).contains("0201").contains("name (Chinese name) is missing");
            assertThat(List.of(e.getMessage().split("\\R"))).hasSize(4);
        }
    }
}
