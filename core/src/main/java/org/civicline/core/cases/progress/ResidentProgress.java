package org.civicline.core.cases.progress;

import io.vertx.core.Future;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.civicline.core.cases.Checks;
import org.civicline.core.cases.departments.DepartmentWork;
import org.civicline.core.cases.departments.Feedback;
import org.civicline.core.cases.merge.Merges;
import org.civicline.core.model.Citizen;
import org.civicline.core.store.CaseNumbers;
import org.civicline.core.store.CitizenStore;
import org.civicline.core.store.NotFoundException;
import org.civicline.core.workflow.Case;
import org.civicline.core.workflow.CaseEvent;
import org.civicline.core.workflow.CaseState;

/**
 * Progress for residents (进度查询): case number and the phone it was registered with. A wrong phone and an unknown
 * number get the same answer, so the number alone reveals nothing.
 */
public final class ResidentProgress {
    private final CitizenStore citizens;
    private final Function<String, Future<Case>> cases;
    private final DepartmentWork work;
    private final ZoneId zone;

    public ResidentProgress(CitizenStore citizens, Function<String, Future<Case>> cases, DepartmentWork work,
                            ZoneId zone) {
        this.citizens = citizens;
        this.cases = cases;
        this.work = work;
        this.zone = zone;
    }

    public Future<ProgressView> lookup(String number, String phone) {
        if (!CaseNumbers.isWellFormed(number)) {
            throw Checks.invalid("number", "a case number looks like 20261122-0001");
        }
        String digits = digits(Checks.text(phone, "phone", 30));
        if (digits.length() < 5) {
            throw Checks.invalid("phone", "must be the phone number the case was registered with");
        }
        NotFoundException unknown = new NotFoundException("no case " + number + " registered with that phone");
        return cases.apply(number).compose(c -> residentPhone(c).compose(registered -> {
            if (registered.isEmpty() || !digits(registered.get()).equals(digits)) {
                return Future.failedFuture(unknown);
            }
            Optional<String> main = Merges.mainOf(c);
            Future<Case> followed = main.isPresent() ? cases.apply(main.get()) : Future.succeededFuture(c);
            return followed.compose(shown -> view(number, main.orElse(null), shown));
        }), e -> Future.failedFuture(e instanceof NotFoundException ? unknown : e));
    }

    private Future<Optional<String>> residentPhone(Case c) {
        return c.details().citizenId() == null ? Future.succeededFuture(Optional.empty())
                : citizens.get(c.details().citizenId()).map(found -> found.map(Citizen::phone));
    }

    private Future<ProgressView> view(String asked, String mergedInto, Case shown) {
        return work.feedbackOf(shown).map(feedback -> {
            CaseEvent lastStep = lastStep(shown);
            String note = phrase(shown.state());
            List<Feedback> replies = feedback.stream().filter(f -> f.publicReply() != null).toList();
            boolean replied = !replies.isEmpty() && !shown.state().isOpen() || shown.state() == CaseState.FEEDBACK
                    || shown.state() == CaseState.VERIFIED;
            if (replied && !replies.isEmpty()) {
                note = note + "。答复：" + replies.get(replies.size() - 1).publicReply();
            }
            return new ProgressView(asked, shown.state().chinese(), !shown.state().isOpen(), mergedInto, note,
                    lastStep.at(), shown.deadline() == null ? null : shown.deadline().atZone(zone).toLocalDate());
        });
    }

    /** The last step that moved the case; notes (reminders, internal remarks) are not progress for the resident. */
    private static CaseEvent lastStep(Case c) {
        for (int i = c.log().size() - 1; i >= 0; i--) {
            if (c.log().get(i).from() != c.log().get(i).to()) {
                return c.log().get(i);
            }
        }
        return c.log().get(0);
    }

    /** The standard public phrase of each step. */
    static String phrase(CaseState state) {
        return switch (state) {
            case RECEIVED, REGISTERED -> "您的诉求已受理";
            case DISPATCHED -> "已转交承办单位办理";
            case IN_PROGRESS -> "承办单位正在办理";
            case FEEDBACK -> "承办单位已反馈办理结果，正在核查";
            case VERIFIED -> "办理结果已核查";
            case CLOSED -> "已办结";
            case EVALUATED, FOLLOWED_UP -> "已办结，感谢您的评价";
            case RESOLVED_ON_CONTACT -> "已当场答复办结";
            case RETURNED -> "正在重新安排承办单位";
            case REOPENED -> "正在重新办理";
            case MERGED -> "已与相同诉求合并办理";
            case CANCELLED -> "已撤销";
        };
    }

    /** Digits only, without the +86 country code, so "+86 138-0013-8000" and "13800138000" match. */
    private static String digits(String phone) {
        String digits = phone.replaceAll("[^0-9]", "");
        return digits.length() == 13 && digits.startsWith("86") ? digits.substring(2) : digits;
    }
}
