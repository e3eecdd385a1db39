package org.civicline.core.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.civicline.core.cases.reports.ReportCsv;
import org.civicline.core.cases.reports.ReportRow;
import org.junit.jupiter.api.Test;

class ReportCsvTest {

    @Test
    void theCsvStartsWithAByteOrderMarkQuotesTextAndDisarmsFormulas() {
        ReportRow row = new ReportRow("=HYPERLINK(\"x\")", "城管局, \"东区\"", 10, 8, 9, 6, 6 / 9.0, 3, 1, 2, 4, 0.4, 5,
                4.2, 0.8, 6, 5, 5 / 6.0);

        String csv = ReportCsv.write(List.of(row));

        assertThat(csv.getBytes(StandardCharsets.UTF_8)).startsWith(0xEF - 256, 0xBB - 256, 0xBF - 256);
        assertThat(csv.lines().toList().get(1)).isEqualTo(
                "\"'=HYPERLINK(\"\"x\"\")\",\"城管局, \"\"东区\"\"\",10,8,9,6,66.7%,3,1,2,4,40.0%,5,4.20,80.0%,6,5,83.3%");
        assertThat(csv).contains("\r\n");
    }
}
