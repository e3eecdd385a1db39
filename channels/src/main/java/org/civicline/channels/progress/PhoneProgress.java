package org.civicline.channels.progress;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.civicline.core.bus.Addresses;
import org.civicline.core.bus.FailureCodes;
import org.civicline.core.bus.ProgressRequest;
import org.civicline.core.cases.progress.ProgressView;
import org.civicline.core.model.Contact;

/**
 * "查询 <case number>" by text message: the case service's resident progress (case number and the sender's phone,
 * with the department's last public note) when it is deployed, else the channels' own {@link CaseQuery}.
 */
public final class PhoneProgress {
    private static final DeliveryOptions QUICK = new DeliveryOptions().setSendTimeout(3000);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final Vertx vertx;
    private final CaseQuery fallback;

    public PhoneProgress(Vertx vertx, CaseQuery fallback) {
        this.vertx = vertx;
        this.fallback = fallback;
    }

    /** Never fails: every outcome is a sentence for the resident. */
    public Future<String> answer(String number, String phone, String citizenId, List<Contact> recent) {
        if (number.isEmpty() || !org.civicline.core.store.CaseNumbers.isWellFormed(number)) {
            return fallback.answer(number, citizenId, recent);
        }
        return vertx.eventBus().<ProgressView>request(Addresses.CASE_PROGRESS, new ProgressRequest(number, phone),
                        QUICK)
                .map(Message::body)
                .map(PhoneProgress::describe)
                .recover(e -> {
                    if (e instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS) {
                        return fallback.answer(number, citizenId, recent);
                    }
                    if (e instanceof ReplyException r && r.failureCode() == FailureCodes.NOT_FOUND) {
                        return Future.succeededFuture("未找到您名下的工单 " + number + "。如有疑问请拨打 12345。");
                    }
                    return Future.succeededFuture("暂时无法查询，请稍后再试。");
                });
    }

    static String describe(ProgressView view) {
        StringBuilder text = new StringBuilder("工单 ").append(view.number()).append("：").append(view.status());
        if (view.mergedInto() != null) {
            text.append("（已并入工单 ").append(view.mergedInto()).append("）");
        }
        if (view.lastNote() != null && !view.lastNote().isBlank()) {
            text.append("\n").append(view.lastNote());
        }
        if (!view.finished() && view.expectedBy() != null) {
            text.append("\n预计 ").append(DAY.format(view.expectedBy())).append(" 前办理。");
        }
        return text.toString();
    }
}
