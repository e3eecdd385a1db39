package org.civicline.core.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import org.civicline.core.config.AppConfig;
import org.civicline.core.config.ConfigException;
import org.civicline.core.json.Jsons;
import org.civicline.core.model.Channel;
import org.junit.jupiter.api.Test;

class CasesConfigTest {

    @Test
    void theShippedSectionBindsAndLeftOutChannelsFollowTheirMedium() {
        CasesConfig config = AppConfig.load(Path.of("..", "config"), Map.of()).section("cases", CasesConfig.class);

        assertThat(config.reminderShare()).isEqualTo(0.8);
        assertThat(config.followUpMethod(Channel.HOTLINE_12345)).isEqualTo(CasesConfig.FollowUpMethod.CALLBACK);
        assertThat(config.followUpMethod(Channel.WECHAT)).isEqualTo(CasesConfig.FollowUpMethod.SURVEY_WECHAT);
        assertThat(config.followUpMethod(Channel.MAILBOX)).isEqualTo(CasesConfig.FollowUpMethod.SURVEY_SMS);
    }

    @Test
    void wrongValuesAreNamedByTheirFullKey() {
        ObjectNode tree = Jsons.mapper().createObjectNode();
        tree.putObject("cases").put("reminderShare", 1.5).putObject("followUp").put("reopenAtOrBelow", 9);

        assertThatThrownBy(() -> AppConfig.of(Path.of("."), tree).section("cases", CasesConfig.class))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cases.reminderShare: must be between 0 and 1")
                .hasMessageContaining("cases.followUp.reopenAtOrBelow: must be 0–5");
    }
}
