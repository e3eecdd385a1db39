package org.civicline.core.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArticleIndexTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
    private static final Article MANHOLES = article("kb-1", "井盖缺失由谁负责",
            "道路上的井盖缺失或破损，由城管局在24小时内处置；小区内的井盖由物业负责。", List.of("井盖", "窨井"), null);
    private static final Article LAMPS = article("kb-2", "路灯报修", "路灯不亮请提供路段和灯杆编号。", List.of(),
            LocalDate.of(2026, 1, 31));
    private static final Article HEATING = article("kb-3", "供暖时间", "集中供热从11月15日开始，WiFi缴费请用ＡＰＰ。",
            List.of("暖气"), null);

    @Test
    void chineseWithoutWordSpacesIsSplitIntoOverlappingPairsAndLatinIntoWords() {
        assertThat(Ngrams.of("井盖丢了")).containsExactly("井盖", "盖丢", "丢了");
        assertThat(Ngrams.of("用ＡＰＰ缴费 WiFi")).containsExactly("用", "app", "缴费", "wifi");
    }

    @Test
    void aNaturalQuestionFindsTheArticleThatShareItsWords() {
        ArticleIndex index = new ArticleIndex(List.of(MANHOLES, LAMPS, HEATING));

        assertThat(index.search("小区井盖丢了归谁管", null, TODAY, false, 10)).extracting(h -> h.article().id())
                .containsExactly("kb-1");
        assertThat(index.search("app缴费", null, TODAY, false, 10)).extracting(h -> h.article().id())
                .containsExactly("kb-3");
    }

    @Test
    void articlesOutOfTheirValidityAreLeftOutUnlessAskedFor() {
        ArticleIndex index = new ArticleIndex(List.of(MANHOLES, LAMPS, HEATING));

        assertThat(index.search("路灯不亮", null, TODAY, false, 10)).isEmpty();
        assertThat(index.search("路灯不亮", null, TODAY, true, 10)).extracting(h -> h.article().id())
                .containsExactly("kb-2");
    }

    @Test
    void aTitleMatchRanksAboveABodyMatch() {
        Article bodyOnly = article("kb-4", "物业服务", "物业负责小区井盖的维护。", List.of(), null);
        ArticleIndex index = new ArticleIndex(List.of(bodyOnly, MANHOLES));

        assertThat(index.search("井盖", null, TODAY, false, 10)).extracting(h -> h.article().id())
                .containsExactly("kb-1", "kb-4");
    }

    private static Article article(String id, String title, String body, List<String> keywords, LocalDate validTo) {
        return new Article(id, title, body, null, keywords, null, validTo, null, "kb-editor");
    }
}
