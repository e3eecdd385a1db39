package org.civicline.core.cases.followup;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.civicline.core.PhoneMask;
import org.civicline.core.bus.SendNotice;
import org.civicline.core.cases.CasesConfig;
import org.civicline.core.cases.deadlines.TimerPlanner;
import org.civicline.core.cases.log.CaseChanges;
import org.civicline.core.cases.log.LogTag;
import org.civicline.core.cases.notices.Notices;
import org.civicline.core.model.Channel;
import org.civicline.core.model.Citizen;
import org.civicline.core.model.Contact;
import org.civicline.core.routing.CallbackRequest;
import org.civicline.core.routing.RoutingAddresses;
import org.civicline.core.store.CitizenStore;
import org.civicline.core.store.ContactStore;
import org.civicline.core.store.DueTimer;
import org.civicline.core.store.NotFoundException;
import org.civicline.core.store.ReferenceStore;
import org.civicline.core.workflow.Case;
import org.civicline.core.workflow.CaseEvent;

/**
 * Starts the follow-up (回访) of a closed case when its timer fires: a survey link by SMS or WeChat, or a callback
 * task for an agent, per the channel the resident used. Residents who opted out or withheld their number are
 * skipped; every attempt, and every skip, is on the case log.
 */
public final class FollowUpStarter {
    private static final DeliveryOptions OPTIONS = new DeliveryOptions().setSendTimeout(5000);

    private final Vertx vertx;
    private final CaseChanges changes;
    private final CitizenStore citizens;
    private final ContactStore contacts;
    private final ReferenceStore documents;
    private final Notices notices;
    private final CasesConfig config;
    private final Clock clock;
    private final String surveyBaseUrl;

    public FollowUpStarter(Vertx vertx, CaseChanges changes, CitizenStore citizens, ContactStore contacts,
                           ReferenceStore documents, Notices notices, CasesConfig config, Clock clock,
                           String surveyBaseUrl) {
        this.vertx = vertx;
        this.changes = changes;
        this.citizens = citizens;
        this.contacts = contacts;
        this.documents = documents;
        this.notices = notices;
        this.config = config;
        this.clock = clock;
        this.surveyBaseUrl = surveyBaseUrl.endsWith("/") ? surveyBaseUrl : surveyBaseUrl + "/";
    }

    /** The link a resident opens for {@code token}. */
    public String link(String token) {
        return surveyBaseUrl + "s/" + token;
    }

    public Future<Void> fire(DueTimer timer) {
        return changes.get(timer.caseNumber()).compose(c -> {
            Optional<CaseEvent> closing = TimerPlanner.closedAt(c);
            if (closing.isEmpty() || !closing.get().at().equals(timer.anchor())
                    || TimerPlanner.followedUpSince(c, closing.get())) {
                return Future.<Void>succeededFuture();
            }
            return resident(c).compose(r -> start(c, r)).mapEmpty();
        }).recover(e -> e instanceof NotFoundException ? Future.succeededFuture() : Future.failedFuture(e));
    }

    /** Who to ask and how to reach them. */
    private record Resident(Citizen citizen, Contact contact, boolean optedOut) {
        String phone() {
            String phone = citizen != null ? citizen.phone() : null;
            if (phone == null && contact != null && contact.channel() != Channel.WECHAT) {
                phone = contact.sender();
            }
            return phone != null && phone.matches("\\+?[0-9-]{5,20}") ? phone : null;
        }

        String openId() {
            if (citizen != null && citizen.wechatOpenId() != null) {
                return citizen.wechatOpenId();
            }
            return contact != null && contact.channel() == Channel.WECHAT ? contact.sender() : null;
        }
    }

    private Future<Resident> resident(Case c) {
        String citizenId = c.details().citizenId();
        String contactId = c.details().contactId();
        Future<Optional<Citizen>> citizen = citizenId == null ? Future.succeededFuture(Optional.empty())
                : citizens.get(citizenId);
        Future<Optional<Contact>> contact = contactId == null ? Future.succeededFuture(Optional.empty())
                : contacts.get(contactId);
        Future<Optional<OptOut>> optOut = citizenId == null ? Future.succeededFuture(Optional.empty())
                : documents.get(OptOut.KIND, citizenId, OptOut.class);
        return Future.all(citizen, contact, optOut).map(all -> new Resident(citizen.result().orElse(null),
                contact.result().orElse(null), optOut.result().isPresent()));
    }

    private Future<Case> start(Case c, Resident r) {
        if (r.optedOut()) {
            return changes.note(c, LogTag.FOLLOW_UP_SKIPPED, "system", "市民要求不回访", null);
        }
        CasesConfig.FollowUpMethod method = config.followUpMethod(c.details().channel());
        if (method == CasesConfig.FollowUpMethod.SURVEY_WECHAT && r.openId() == null) {
            method = CasesConfig.FollowUpMethod.SURVEY_SMS;
        }
        if (method != CasesConfig.FollowUpMethod.SURVEY_WECHAT && r.phone() == null) {
            return changes.note(c, LogTag.FOLLOW_UP_SKIPPED, "system", "市民未留号码或隐藏号码，无法回访", null);
        }
        if (method == CasesConfig.FollowUpMethod.CALLBACK) {
            return callback(c, r.phone());
        }
        return survey(c, method == CasesConfig.FollowUpMethod.SURVEY_WECHAT
                ? new SendNotice(Channel.WECHAT, r.openId(), null, "survey", c.number())
                : new SendNotice(Channel.SMS, r.phone(), null, "survey", c.number()));
    }

    private Future<Case> survey(Case c, SendNotice address) {
        Instant now = clock.instant();
        Survey survey = new Survey(Survey.newToken(), c.number(), now,
                now.plus(Duration.ofDays(config.followUp().surveyValidDays())), null);
        String text = "【12345回访】您反映的问题（工单 " + c.number() + "）已办结，请花一分钟评价：" + link(survey.token());
        SendNotice notice = new SendNotice(address.channel(), address.to(), text, "survey", c.number());
        // The log entry comes first: it is what makes a second firing of the same timer do nothing.
        return documents.put(Survey.KIND, survey.token(), survey)
                .compose(v -> changes.note(c, LogTag.FOLLOW_UP_SENT, "system",
                        "回访评价链接，" + Notices.describe(notice), null))
                .compose(logged -> notices.send(notice).compose(outcome -> outcome.startsWith("未送达")
                        ? changes.note(logged, LogTag.FOLLOW_UP_ATTEMPT, "system", "回访链接" + outcome, null)
                        : Future.succeededFuture(logged)));
    }

    private Future<Case> callback(Case c, String phone) {
        CallbackRequest task = new CallbackRequest("followup-" + c.number(), phone, clock.instant(),
                "回访 工单 " + c.number());
        return changes.note(c, LogTag.FOLLOW_UP_CALLBACK, "system", "回访电话任务 " + PhoneMask.mask(phone), null)
                .compose(logged -> vertx.eventBus().request(RoutingAddresses.REQUEST_CALLBACK, task, OPTIONS)
                        .map(logged)
                        .recover(e -> changes.note(logged, LogTag.FOLLOW_UP_ATTEMPT, "system",
                                "回访电话任务未建立：" + e.getMessage(), null)));
    }
}
