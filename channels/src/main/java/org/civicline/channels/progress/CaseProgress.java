package org.civicline.channels.progress;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.civicline.core.workflow.Case;
import org.civicline.core.workflow.CaseEvent;

/** What a resident is told about their case: the state in words, when it was received, when it is due. */
public final class CaseProgress {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ZoneId zone;

    public CaseProgress(ZoneId zone) {
        this.zone = zone;
    }

    public String describe(Case c) {
        StringBuilder text = new StringBuilder("工单 ").append(c.number()).append("\n当前状态：")
                .append(c.state().chinese());
        if (c.state().isOpen()) {
            text.append("（办理中）");
        } else {
            text.append("（已办结）");
        }
        text.append("\n受理时间：").append(WHEN.format(c.details().createdAt().atZone(zone)));
        CaseEvent last = c.lastEvent();
        text.append("\n最近进展：").append(WHEN.format(last.at().atZone(zone))).append(' ').append(last.to().chinese());
        if (c.deadline() != null) {
            text.append("\n办理时限：").append(WHEN.format(c.deadline().atZone(zone)));
        }
        return text.toString();
    }
}
