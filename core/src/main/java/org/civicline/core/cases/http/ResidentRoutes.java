package org.civicline.core.cases.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.civicline.core.cases.CaseHandling;
import org.civicline.core.cases.ValidationException;
import org.civicline.core.cases.followup.SurveyAnswer;
import org.civicline.core.cases.followup.SurveyPage;
import org.civicline.core.http.ClientAddresses;
import org.civicline.core.http.RateLimiter;

/**
 * What residents reach without an account, outside the staff-only {@code /api}: {@code POST /progress} (case number
 * + phone → progress, JSON) and the survey page {@code /s/{token}}. Progress questions are limited per client
 * address, and wrong answers per case number: case numbers count up by day, so without a limit anyone knowing a
 * neighbour's phone could try a day's numbers, or a number's phones, until one fits.
 */
public final class ResidentRoutes {
    /** The progress question; phones travel in the body, not in URLs that end up in logs. */
    public record ProgressBody(String number, String phone) {
    }

    private static final int MAX_FORM_BYTES = 8 * 1024;
    /** Progress questions per client address and minute: a resident checking a few cases never meets it. */
    static final int QUESTIONS_PER_MINUTE = 20;
    /** Questions about one case number that found nothing (wrong phone or no such case), per hour. */
    static final int MISSES_PER_NUMBER_PER_HOUR = 10;

    private final CaseHandling cases;
    private final ClientAddresses clients;
    private final RateLimiter questions;
    private final RateLimiter missesPerNumber;

    public ResidentRoutes(CaseHandling cases, ClientAddresses clients, Clock clock) {
        this.cases = cases;
        this.clients = clients;
        this.questions = new RateLimiter(QUESTIONS_PER_MINUTE, Duration.ofMinutes(1), clock);
        this.missesPerNumber = new RateLimiter(MISSES_PER_NUMBER_PER_HOUR, Duration.ofHours(1), clock);
    }

    public void mount(Router router) {
        router.route("/progress").handler(BodyHandler.create(false).setBodyLimit(MAX_FORM_BYTES));
        router.post("/progress").handler(ctx -> JsonBody.read(ctx, ProgressBody.class)
                .ifPresent(b -> progress(ctx, b)));
        router.route("/s/*").handler(BodyHandler.create(false).setBodyLimit(MAX_FORM_BYTES));
        router.get("/s/:token").handler(this::showSurvey);
        router.post("/s/:token").handler(this::answerSurvey);
    }

    private void progress(RoutingContext ctx, ProgressBody question) {
        String number = question.number() == null ? "" : question.number().strip();
        if (!questions.tryAcquire(clients.of(ctx.request()))) {
            tooMany(ctx, 60, "查询过于频繁，请一分钟后再试 too many progress questions from this address; "
                    + "try again in a minute");
            return;
        }
        if (!missesPerNumber.tryAcquire(number)) {
            tooMany(ctx, 3600, "该工单号查询失败次数过多，请一小时后再试 too many wrong answers for this case number; "
                    + "try again in an hour");
            return;
        }
        // Counted as a miss until it is found: a question that fails in any way (wrong phone, unknown number, bad
        // input) keeps its count.
        HttpReplies.answer(ctx, () -> cases.progress.lookup(question.number(), question.phone())
                .onSuccess(found -> missesPerNumber.release(number)));
    }

    private static void tooMany(RoutingContext ctx, int retryAfterSeconds, String message) {
        ctx.response().putHeader("Retry-After", String.valueOf(retryAfterSeconds));
        HttpReplies.json(ctx, 429, Map.of("error", message));
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
