package org.civicline.core.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.civicline.core.model.Priority;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceDataTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    @Test
    void theRealConfigLoads() {
        ReferenceData data = ReferenceData.load(TestConfig.dir());
        assertThat(data.categories().mains()).hasSizeGreaterThanOrEqualTo(12);
        assertThat(data.categories().subs()).hasSizeGreaterThanOrEqualTo(70);
        assertThat(data.calendar().zone()).isEqualTo(SHANGHAI);
        assertThat(data.policy().calendar()).isSameAs(data.calendar());
    }

    @Test
    void deadlinesByCategoryCodeAndPriority() {
        ReferenceData data = ReferenceData.load(TestConfig.dir());
        // 停水: 24 calendar hours, through the make-up Saturday and the Sunday alike.
        assertThat(data.deadline(at("2026-10-09T17:00"), "0108", Priority.NORMAL)).isEqualTo(at("2026-10-10T17:00"));
        assertThat(data.deadline(at("2026-10-09T17:00"), "0108", Priority.EMERGENCY)).isEqualTo(at("2026-10-09T19:00"));
        // 物业管理: 10 working days from Wed Sep 30 10:00 → Sep 30 7h, Oct 8, 9, 10, 12–16, 19 → Oct 20 10:00.
        assertThat(data.deadline(at("2026-09-30T10:00"), "0105", Priority.NORMAL)).isEqualTo(at("2026-10-20T10:00"));
        assertThat(data.deadline(at("2026-09-30T10:00"), "0105", Priority.URGENT)).isEqualTo(at("2026-10-01T10:00"));
        // 表扬个人: 3 working days inherited from 表扬感谢 → Sep 30 7h, Oct 8 8h, Oct 9 8h, Oct 10 09:00–10:00.
        assertThat(data.deadline(at("2026-09-30T10:00"), "1502", Priority.LOW)).isEqualTo(at("2026-10-10T10:00"));
        // No category yet: the fallback 5 working days.
        assertThat(data.deadline(at("2026-09-30T10:00"), null, Priority.NORMAL)).isEqualTo(at("2026-10-13T10:00"));
        assertThatThrownBy(() -> data.deadline(at("2026-09-30T10:00"), "9999", Priority.NORMAL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("9999");
    }

    @Test
    void reportsBothFilesWhenBothAreWrong(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("reference"));
        Files.writeString(dir.resolve(ReferenceData.CATEGORIES_FILE), "categories: []\n");
        Files.writeString(dir.resolve(ReferenceData.CALENDAR_FILE), "zone: Mars/Olympus\n");
        ReferenceDataException e = catchThrowableOfType(ReferenceDataException.class, () -> ReferenceData.load(dir));
        assertThat(e.source()).endsWith("categories.yaml");
        assertThat(e.getSuppressed()).singleElement().isInstanceOfSatisfying(ReferenceDataException.class,
                calendar -> assertThat(calendar.getMessage()).contains("calendar.yaml").contains("Mars/Olympus"));
    }

    @Test
    void missingDirectoryOrFile(@TempDir Path dir) {
        assertThatThrownBy(() -> ReferenceData.load(dir.resolve("nope")))
                .isInstanceOf(ReferenceDataException.class)
                .hasMessageContaining("nope").hasMessageContaining("not a directory");
        assertThatThrownBy(() -> ReferenceData.load(dir))
                .isInstanceOf(ReferenceDataException.class)
                .hasMessageContaining("categories.yaml").hasMessageContaining("file not found");
    }
}
