package org.civicline.channels.progress;

import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civicline.core.bus.FailureCodes;
import org.civicline.core.model.Contact;
import org.civicline.core.store.CaseNumbers;

/**
 * Answers "查询 20261122-0001" from a chat or text message. A resident sees only their own cases — case numbers are
 * sequential and would otherwise let anyone read through everybody's.
 */
public final class CaseQuery {
    private static final Pattern QUERY = Pattern.compile("^\\s*查询\\s*[:：]?\\s*(\\S*)\\s*$");

    private final CaseDesk desk;
    private final CaseProgress progress;

    public CaseQuery(CaseDesk desk, CaseProgress progress) {
        this.desk = desk;
        this.progress = progress;
    }

    /** The case number asked for, "" when the resident wrote just "查询", empty when the text is not a query. */
    public static Optional<String> askedNumber(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = QUERY.matcher(text);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * The progress of case {@code number} for a resident known as {@code citizenId} whose recent contacts are
     * {@code recent}. Never fails: every outcome is a sentence for the resident.
     */
    public Future<String> answer(String number, String citizenId, List<Contact> recent) {
        if (number.isEmpty()) {
            return Future.succeededFuture(recentCases(recent));
        }
        if (!CaseNumbers.isWellFormed(number)) {
            return Future.succeededFuture("工单号格式应如 20261122-0001，请核对后回复“查询 工单号”。");
        }
        String notFound = "未找到您名下的工单 " + number + "。如有疑问请拨打 12345。";
        return desk.get(number).map(c -> {
            boolean mine = citizenId != null && citizenId.equals(c.details().citizenId())
                    || recent.stream().anyMatch(contact -> number.equals(contact.caseNumber())
                    || contact.id().equals(c.details().contactId()));
            return mine ? progress.describe(c) : notFound;
        }).recover(e -> Future.succeededFuture(e instanceof ReplyException r
                && r.failureCode() == FailureCodes.NOT_FOUND ? notFound : "暂时无法查询，请稍后再试。"));
    }

    /** "My cases": the resident's recent contacts with the case each became. */
    public static String recentCases(List<Contact> recent) {
        if (recent.isEmpty()) {
            return "您还没有通过本渠道反映的诉求。直接发送文字、图片或位置即可反映问题。";
        }
        StringBuilder text = new StringBuilder("您最近的诉求：");
        recent.stream().limit(5).forEach(c -> text.append("\n· 受理编号 ").append(c.id()).append("：")
                .append(c.caseNumber() == null ? "待立案" : "工单 " + c.caseNumber()));
        text.append("\n回复“查询 工单号”查看办理进度。");
        return text.toString();
    }
}
