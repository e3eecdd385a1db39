package org.civicline.core.cases.http;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.civicline.core.bus.SendNotice;
import org.civicline.core.cases.CaseHandling;
import org.civicline.core.cases.Checks;
import org.civicline.core.cases.deadlines.HandlingStep;
import org.civicline.core.cases.departments.Department;
import org.civicline.core.cases.followup.OptOut;
import org.civicline.core.cases.followup.SurveyAnswer;
import org.civicline.core.cases.log.LogTag;
import org.civicline.core.cases.notices.Notices;
import org.civicline.core.cases.verification.Verification;
import org.civicline.core.model.Attachment;
import org.civicline.core.module.ModuleContext;
import org.civicline.core.workflow.Case;
import org.civicline.core.workflow.IllegalTransitionException;

/**
 * The steps after registration, on {@code /api/cases/{number}/…}: dispatch, accept, extension, return, feedback,
 * verification, resolved on contact, similar cases and merging, follow-up results and opt-out; and the duty chief's
 * steps on {@code /api/supervisor/cases/{number}/…}: the decision on an extension, and urging (催办) by hand.
 */
public final class CaseStepRoutes {
    /** Request bodies. */
    public record DispatchBody(String actor, String department) {
    }

    public record DepartmentBody(String department, String reason) {
    }

    public record ExtensionBody(String department, Integer workingHours, String reason) {
    }

    public record DecisionBody(String approver, Boolean approve, String comment) {
    }

    public record FeedbackBody(String department, String text, String publicReply, List<Attachment> attachments) {
    }

    public record VerificationBody(String actor, Verification.Method method, Boolean passed, String note,
                                   Attachment photo) {
    }

    public record ResolveBody(String actor, String articleId, String answer) {
    }

    public record MergeBody(String into, String actor, String reason) {
    }

    public record FollowUpResultBody(String agent, Boolean reached, String outcome, Boolean solved,
                                     Integer satisfaction, String comment) {
    }

    public record OptOutBody(String actor) {
    }

    public record UrgeBody(String actor, String text) {
    }

    private final CaseHandling cases;

    public CaseStepRoutes(CaseHandling cases) {
        this.cases = cases;
    }

    public void mount(Router router) {
        post(router, "dispatch", DispatchBody.class,
                (ctx, b) -> cases.work.dispatch(number(ctx), actor(ctx, b.actor()), b.department()));
        post(router, "accept", DepartmentBody.class,
                (ctx, b) -> cases.work.accept(number(ctx), department(ctx, b.department())));
        post(router, "return", DepartmentBody.class,
                (ctx, b) -> cases.work.giveBack(number(ctx), department(ctx, b.department()), b.reason()));
        post(router, "extension", ExtensionBody.class, (ctx, b) -> cases.extensions.request(number(ctx),
                department(ctx, b.department()), b.workingHours(), b.reason()));
        // Under /api/supervisor/: approving time is the duty chief's, never the asking department's.
        router.post("/api/supervisor/cases/:number/extension/decision").handler(ctx -> JsonBody.read(ctx,
                DecisionBody.class).ifPresent(b -> HttpReplies.answer(ctx, () -> cases.extensions.decide(
                number(ctx), actor(ctx, b.approver()), b.approve(), b.comment()))));
        // A reminder (催办) by hand is the duty chief's too; it lands on the same log as the timed ones.
        router.post("/api/supervisor/cases/:number/urge").handler(ctx -> JsonBody.read(ctx, UrgeBody.class)
                .ifPresent(b -> HttpReplies.answer(ctx, () -> urge(ctx, b))));
        post(router, "feedback", FeedbackBody.class, (ctx, b) -> cases.work.feedback(number(ctx),
                department(ctx, b.department()), b.text(), b.publicReply(), b.attachments()));
        router.get("/api/cases/:number/feedback").handler(ctx -> HttpReplies.answer(ctx,
                () -> cases.changes.get(number(ctx)).compose(cases.work::feedbackOf)));
        post(router, "verification", VerificationBody.class, (ctx, b) -> cases.verification.verify(number(ctx),
                actor(ctx, b.actor()), b.method(), b.passed(), b.note(), b.photo()));
        post(router, "resolve-on-contact", ResolveBody.class, (ctx, b) -> cases.resolvedOnContact.resolve(
                number(ctx), actor(ctx, b.actor()), b.articleId(), b.answer()));
        router.get("/api/cases/:number/similar").handler(ctx -> HttpReplies.answer(ctx,
                () -> cases.changes.get(number(ctx)).compose(cases.similar::of)));
        post(router, "merge", MergeBody.class,
                (ctx, b) -> cases.merges.merge(number(ctx), b.into(), actor(ctx, b.actor()), b.reason()));
        router.post("/api/cases/:number/follow-up/result").handler(this::followUpResult);
        router.post("/api/cases/:number/follow-up/opt-out").handler(ctx -> JsonBody.read(ctx, OptOutBody.class)
                .ifPresent(b -> HttpReplies.answer(ctx, () -> {
                    String actor = Checks.text(actor(ctx, b.actor()), "actor", 100);
                    return cases.changes.get(number(ctx)).compose(c -> {
                        if (c.details().citizenId() == null) {
                            throw Checks.invalid("number", "the case has no known resident");
                        }
                        OptOut optOut = new OptOut(c.details().citizenId(), cases.clock.instant(), actor);
                        return cases.stores.reference().put(OptOut.KIND, optOut.citizenId(), optOut)
                                .map(v -> Map.of("optedOut", true));
                    });
                })));
    }

    /** {@code POST /api/cases/{number}/<step>}: reads the body as {@code type} and answers with what the step gives. */
    private <B> void post(Router router, String step, Class<B> type,
                          BiFunction<RoutingContext, B, Future<?>> action) {
        router.post("/api/cases/:number/" + step).handler(ctx -> JsonBody.read(ctx, type)
                .ifPresent(b -> HttpReplies.answer(ctx, () -> action.apply(ctx, b))));
    }

    /** An agent's follow-up call: not reached is an attempt on the log; reached records the evaluation. */
    private void followUpResult(RoutingContext ctx) {
        JsonBody.read(ctx, FollowUpResultBody.class).ifPresent(b -> HttpReplies.answer(ctx, () -> {
            String agent = Checks.text(actor(ctx, b.agent()), "agent", 100);
            if (b.reached() == null) {
                throw Checks.invalid("reached", "is required: true or false");
            }
            if (!b.reached()) {
                return cases.evaluations.unreached(number(ctx), agent,
                        Checks.text(b.outcome(), "outcome", 200));
            }
            return cases.evaluations.record(number(ctx), new SurveyAnswer(b.solved(), b.satisfaction(),
                    b.comment()), agent);
        }));
    }

    /**
     * Logs a reminder (催办) and texts the department's handler. Only a case a department is handling can be urged;
     * the log entry goes first, so a notice never goes out for a reminder the log does not hold. Being a REMINDER
     * entry, it also stands in for the timed reminder at the limit's share until the deadline moves.
     */
    private Future<Case> urge(RoutingContext ctx, UrgeBody b) {
        String who = Checks.text(actor(ctx, b.actor()), "actor", 100);
        String words = Checks.optionalText(b.text(), "text", 500);
        return cases.changes.get(number(ctx)).compose(c -> {
            if (!HandlingStep.isRunning(c)) {
                return Future.failedFuture(new IllegalTransitionException(c.number(), c.state(), c.state(),
                        "only a case a department is handling can be urged"));
            }
            String text = "【12345催办】工单 " + c.number() + " 请抓紧办理并按时反馈" + (words == null ? "。" : "：" + words);
            Optional<SendNotice> notice = cases.departments.find(c.assignee()).map(Department::handler)
                    .flatMap(p -> Notices.to(p.phone(), p.wechatOpenId(), text, "reminder", c.number()));
            return cases.changes.note(c, LogTag.REMINDER, who, text, null).compose(logged -> notice
                    .map(n -> new Notices(ctx.vertx()).send(n)).orElse(Future.succeededFuture("")).map(logged));
        });
    }

    /**
     * Request-context key under which sign-in puts a department user's department; such a user always acts as
     * that department, whatever the body names.
     */
    public static final String DEPARTMENT = "civicline.department";

    static String department(RoutingContext ctx, String named) {
        String signedIn = ctx.get(DEPARTMENT);
        return signedIn != null ? signedIn : named;
    }

    /** The signed-in user when the node has sign-in, else who the body names. */
    static String actor(RoutingContext ctx, String named) {
        String signedIn = ctx.get(ModuleContext.ACTOR);
        return signedIn != null ? signedIn : named;
    }

    private static String number(RoutingContext ctx) {
        return ctx.pathParam("number");
    }
}
