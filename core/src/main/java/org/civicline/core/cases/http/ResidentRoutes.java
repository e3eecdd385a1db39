package org.civicline.core.cases.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.civicline.core.cases.CaseHandling;
import org.civicline.core.cases.ValidationException;
import org.civicline.core.cases.followup.SurveyAnswer;
import org.civicline.core.cases.followup.SurveyPage;

/**
 * What residents reach without an account, outside the staff-only {@code /api}: {@code POST /progress} (case number
 * + phone → progress, JSON) and the survey page {@code /s/{token}}.
 */
public final class ResidentRoutes {
    /** The progress question; phones travel in the body, not in URLs that end up in logs. */
    public record ProgressBody(String number, String phone) {
    }

    private static final int MAX_FORM_BYTES = 8 * 1024;
    private final CaseHandling cases;

    public ResidentRoutes(CaseHandling cases) {
        this.cases = cases;
    }

    public void mount(Router router) {
        router.route("/progress").handler(BodyHandler.create(false).setBodyLimit(MAX_FORM_BYTES));
        router.post("/progress").handler(ctx -> JsonBody.read(ctx, ProgressBody.class)
                .ifPresent(b -> HttpReplies.answer(ctx, () -> cases.progress.lookup(b.number(), b.phone()))));
        router.route("/s/*").handler(BodyHandler.create(false).setBodyLimit(MAX_FORM_BYTES));
        router.get("/s/:token").handler(this::showSurvey);
        router.post("/s/:token").handler(this::answerSurvey);
    }

    private void showSurvey(RoutingContext ctx) {
        String token = ctx.pathParam("token");
        cases.surveys.open(token)
                .onSuccess(found -> page(ctx, found.isPresent() ? 200 : 404, found
                        .map(s -> SurveyPage.form(token, s.caseNumber(), null)).orElseGet(SurveyPage::closed)))
                .onFailure(e -> page(ctx, 503, SurveyPage.closed()));
    }

    private void answerSurvey(RoutingContext ctx) {
        String token = ctx.pathParam("token");
        var form = ctx.request().formAttributes();
        String solved = form.get("solved");
        Integer satisfaction = parse(form.get("satisfaction"));
        SurveyAnswer answer = new SurveyAnswer(solved == null ? null : solved.equals("yes"), satisfaction,
                form.get("comment"));
        if (!answer.problems().isEmpty()) {
            cases.surveys.open(token).onComplete(found -> page(ctx, found.succeeded() && found.result().isPresent()
                    ? 400 : 404, found.succeeded() && found.result().isPresent()
                    ? SurveyPage.form(token, found.result().get().caseNumber(), "请选择是否解决和满意程度后再提交。")
                    : SurveyPage.closed()));
            return;
        }
        cases.surveys.answer(token, answer)
                .onSuccess(done -> page(ctx, done.isPresent() ? 200 : 404,
                        done.isPresent() ? SurveyPage.thanks() : SurveyPage.closed()))
                .onFailure(e -> page(ctx, e instanceof ValidationException ? 400 : 409, SurveyPage.closed()));
    }

    private static Integer parse(String number) {
        try {
            return number == null ? null : Integer.valueOf(number.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void page(RoutingContext ctx, int status, String html) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Cache-Control", "no-store").putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer").end(html);
    }
}
