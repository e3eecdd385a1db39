package org.civicline.routing.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicline.routing.followup.CaseHandlingTest.at;
import static org.civicline.routing.followup.CasesNode.SHANGHAI;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civicline.core.bus.CreateCaseRequest;
import org.civicline.core.json.Jsons;
import org.civicline.core.model.Channel;
import org.civicline.core.reference.ReferenceData;
import org.civicline.core.store.memory.MemoryStores;
import org.civicline.core.time.ManualClock;
import org.civicline.core.workflow.Case;
import org.civicline.core.workflow.CaseState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resident's survey page in headless Chromium: open the SMS link, answer in Chinese, the case reopens. */
class SurveyPageBrowserTest {

    @Test
    void aResidentAnswersTheSurveyInTheBrowserAndAnUnsolvedCaseIsReopened(@TempDir Path dir) throws Exception {
        ManualClock clock = new ManualClock(at("2026-11-20T10:00"), SHANGHAI);
        try (CasesNode node = new CasesNode(MemoryStores.create(), clock, ReferenceData.load(CasesNode.CONFIG))) {
            Case c = node.create(new CreateCaseRequest("agent-7", Channel.APP, "0102", null, null, "13900139000",
                    null, null, "路灯不亮", "文三路", null, null, null));
            close(node, c);
            clock.advance(Duration.ofHours(1));
            node.runDueTimers();
            Matcher link = Pattern.compile("/s/([A-Za-z0-9_-]{32})").matcher(node.notices.poll().text());
            assertThat(link.find()).isTrue();

            try (WebDriverSession browser = new WebDriverSession(dir)) {
                browser.open(node.http.base + "/s/" + link.group(1));
                assertThat(browser.title()).isEqualTo("12345 回访评价");
                assertThat(browser.text("h1")).isEqualTo("12345 热线回访评价");
                assertThat(browser.text("#case")).isEqualTo(c.number());

                browser.click("input[name=solved][value=no]");
                browser.click("input[name=satisfaction][value='1']");
                browser.type("textarea[name=comment]", "路灯还是不亮，晚上很危险");
                browser.click("button[type=submit]");

                assertThat(browser.text("#done")).isEqualTo("感谢您的评价！");
                browser.open(node.http.base + "/s/" + link.group(1));
                assertThat(browser.text("#closed")).isEqualTo("该评价链接已失效");
            }

            Case reopened = node.get(c.number());
            assertThat(reopened.state()).isEqualTo(CaseState.REOPENED);
            assertThat(reopened.lastEvent().reason()).isEqualTo("回访不满意：路灯还是不亮，晚上很危险");
        }
    }

    private static void close(CasesNode node, Case c) {
        String base = "/api/cases/" + c.number() + "/";
        node.http.post(base + "dispatch", Jsons.write(Map.of("actor", "agent-7")));
        node.http.post(base + "accept", Jsons.write(Map.of("department", "城管局")));
        node.http.post(base + "feedback", Jsons.write(Map.of("department", "城管局", "text", "已修复")));
        assertThat(node.http.post(base + "verification", Jsons.write(Map.of("actor", "agent-7",
                "method", "HOTLINE_CALL", "passed", true))).json().path("state").asText()).isEqualTo("CLOSED");
    }
}
