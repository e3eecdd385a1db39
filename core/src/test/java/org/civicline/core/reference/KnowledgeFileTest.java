package org.civicline.core.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class KnowledgeFileTest {
    private static final CategoryCatalog CATALOG = CategoryCatalog.load(TestConfig.dir().resolve(
            ReferenceData.CATEGORIES_FILE));

    @Test
    void theShippedAnswersLoadEachUnderAKnownCategory() {
        List<KnowledgeFile.Entry> entries = KnowledgeFile.load(TestConfig.dir(), CATALOG);

        assertThat(entries).hasSizeGreaterThanOrEqualTo(12);
        assertThat(entries).allSatisfy(e -> assertThat(CATALOG.category(e.category())).isPresent());
        KnowledgeFile.Entry card = entries.stream().filter(e -> e.id().equals("kb-shebaoka-buban")).findFirst()
                .orElseThrow();
        assertThat(card.title()).isEqualTo("社保卡丢失补办");
        assertThat(card.keywords()).contains("补办");
        // Wrapped lines of Chinese join without a space; a space before Latin text or digits stays.
        assertThat(card.body()).contains("合作银行网点现场办理，即时制卡").contains("“掌上 12333”");
    }

    @Test
    void everyProblemIsNamedWithItsArticle() {
        String yaml = """
                articles:
                  - id: kb-one
                    title: 一
                    category: "9999"
                    body: 答
                  - id: kb-one
                    title: " "
                    body: 答
                  - id: one
                    title: 三
                """;

        assertThatThrownBy(() -> KnowledgeFile.parse(yaml, "knowledge.yaml", CATALOG))
                .isInstanceOf(ReferenceDataException.class)
                .hasMessageContaining("article #1 (kb-one): category '9999' is not in categories.yaml")
                .hasMessageContaining("article #2 (kb-one): duplicate id")
                .hasMessageContaining("article #2 (kb-one): title is missing")
                .hasMessageContaining("article #3 (one): id must be kb-")
                .hasMessageContaining("article #3 (one): body (the answer) is missing");
    }

    @Test
    void withoutTheFileTheKnowledgeBaseStartsEmpty(@org.junit.jupiter.api.io.TempDir java.nio.file.Path empty) {
        assertThat(KnowledgeFile.load(empty, CATALOG)).isEmpty();
    }
}
