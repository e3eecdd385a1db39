package org.civicline.channels.mailbox.inbound;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicline.channels.http.PlainErrors;
import org.civicline.channels.http.FormBody;
import org.civicline.core.http.ClientAddresses;
import org.civicline.core.http.RateLimiter;
import org.civicline.channels.mailbox.Letter;
import org.civicline.channels.mailbox.Letters;
import org.civicline.channels.mailbox.MailboxConfig;
import org.civicline.channels.mailbox.outbound.MailboxPages;
import org.civicline.channels.progress.CaseDesk;
import org.civicline.channels.progress.CaseProgress;
import org.civicline.channels.uploads.PhotoStore;
import org.civicline.core.json.Jsons;
import org.civicline.core.model.Attachment;
import org.civicline.core.reference.CategoryCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /mailbox}: the letter form, its submission and the query page. Abuse is held off without a captcha: a
 * hidden honeypot field, and limits per address and per phone number. Browsers get pages; clients that accept JSON
 * get JSON.
 */
public final class MailboxRoutes {
    public static final String PATH = "/mailbox";
    private static final Logger LOG = LoggerFactory.getLogger(MailboxRoutes.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MailboxConfig config;
    private final Letters letters;
    private final MailboxPages pages;
    private final CategoryCatalog categories;
    private final PhotoStore attachments;
    private final CaseDesk cases;
    private final CaseProgress progress;
    private final Clock clock;
    private final ClientAddresses clients;
    private final RateLimiter perAddress;
    private final RateLimiter perPhone;
    private final RateLimiter queries;

    public MailboxRoutes(MailboxConfig config, Letters letters, MailboxPages pages, CategoryCatalog categories,
                         PhotoStore attachments, CaseDesk cases, CaseProgress progress, ClientAddresses clients,
                         Clock clock) {
        this.config = config;
        this.letters = letters;
        this.pages = pages;
        this.categories = categories;
        this.attachments = attachments;
        this.cases = cases;
        this.progress = progress;
        this.clock = clock;
        this.clients = clients;
        this.perAddress = new RateLimiter(config.lettersPerIpPerHour(), Duration.ofHours(1), clock);
        this.perPhone = new RateLimiter(config.lettersPerPhonePerDay(), Duration.ofDays(1), clock);
        this.queries = new RateLimiter(config.queriesPerIpPerHour(), Duration.ofHours(1), clock);
    }

    public void mount(Router router) {
        long limit = (long) config.maxAttachments() * attachments.maxBytes() + config.maxBodyBytes();
        router.get(PATH).handler(ctx -> html(ctx, 200, pages.form(newToken(), List.of())));
        router.post(PATH).handler(new FormBody(limit)).handler(this::submit)
                .failureHandler(ctx -> PlainErrors.onFailure(ctx, limit));
        router.get(PATH + "/query").handler(ctx -> html(ctx, 200, pages.queryForm(null)));
        router.post(PATH + "/query").handler(new FormBody(4096))
                .handler(this::query).failureHandler(ctx -> PlainErrors.onFailure(ctx, 4096));
    }

    private void submit(RoutingContext ctx) {
        if (!perAddress.tryAcquire(address(ctx))) {
            tooMany(ctx, "address", "提交过于频繁，请一小时后再试。");
            return;
        }
        FormBody.Form body = FormBody.of(ctx);
        String trap = body.fields().get(LetterForm.HONEYPOT);
        if (trap != null && !trap.isBlank()) {
            LOG.info("mailbox honeypot filled from {}; nothing stored", address(ctx));
            if (wantsJson(ctx)) {
                json(ctx, 200, Map.of("received", true));
            } else {
                html(ctx, 200, pages.silentlyIgnored());
            }
            return;
        }
        LetterForm.Reading reading = LetterForm.read(body.fields(), categories);
        List<LetterForm.Problem> problems = new ArrayList<>(reading.problems());
        List<FormBody.File> files = body.files();
        if (files.size() > config.maxAttachments()) {
            problems.add(new LetterForm.Problem("attachments", "附件（attachments）最多 " + config.maxAttachments()
                    + " 个，现为 " + files.size() + " 个"));
        }
        files.stream().filter(f -> !"attachments".equals(f.field())).findFirst().ifPresent(f -> problems.add(
                new LetterForm.Problem("attachments", "附件请放在 attachments 字段")));
        if (!problems.isEmpty()) {
            invalid(ctx, problems);
            return;
        }
        LetterForm form = reading.form();
        List<Future<PhotoStore.Photo>> inspected = files.stream().map(attachments::inspect).toList();
        java.util.concurrent.atomic.AtomicBoolean phoneCounted = new java.util.concurrent.atomic.AtomicBoolean();
        Future.all(inspected).compose(all -> {
            if (!perPhone.tryAcquire(form.phone())) {
                return Future.failedFuture(new TooMany());
            }
            phoneCounted.set(true);
            List<Future<Attachment>> kept = inspected.stream()
                    .map(p -> attachments.keep(p.result()).map(s -> s.attachment())).toList();
            return Future.all(kept).map(done -> kept.stream().map(Future::result).toList());
        }).compose(kept -> letters.submit(form, kept, key(form))).onSuccess(letter -> {
            if (wantsJson(ctx)) {
                Map<String, Object> receipt = new LinkedHashMap<>();
                receipt.put("caseNumber", letter.caseNumber());
                receipt.put("queryCode", letter.queryCode());
                receipt.put("firstResponseDue", letter.firstResponseDue());
                json(ctx, 201, receipt);
            } else {
                html(ctx, 201, pages.receipt(letter));
            }
        }).onFailure(e -> {
            if (e instanceof TooMany) {
                tooMany(ctx, "phone", "该号码今日来信已达上限，请明日再试或拨打 12345。");
            } else if (e instanceof PhotoStore.RejectedUpload) {
                invalid(ctx, List.of(new LetterForm.Problem("attachments", "附件（attachments）只接受不超过 "
                        + attachments.maxBytes() / 1024 + " KB 的 JPEG 或 PNG 图片")));
            } else {
                LOG.error("letter could not be stored", e);
                perAddress.release(address(ctx));
                if (phoneCounted.get()) {
                    perPhone.release(form.phone());
                }
                PlainErrors.busy(ctx, "系统繁忙，请稍后再试");
            }
        });
    }

    private void query(RoutingContext ctx) {
        if (!queries.tryAcquire(address(ctx))) {
            tooMany(ctx, "address", "查询过于频繁，请一小时后再试。");
            return;
        }
        String notFound = "查询码不正确，请核对后再试。";
        letters.byCode(FormBody.of(ctx).fields().get("code")).compose(found -> {
            if (found.isEmpty()) {
                return Future.succeededFuture((String) null);
            }
            Letter letter = found.get();
            Future<String> text = letter.caseNumber() == null ? Future.succeededFuture("您的来信已收到，正在立案。")
                    : cases.get(letter.caseNumber()).map(progress::describe);
            return text.map(t -> wantsJson(ctx) ? Jsons.write(Map.of("progress", t, "answers", letter.answers()))
                    : pages.progress(letter, t));
        }).onSuccess(page -> {
            if (page == null) {
                if (wantsJson(ctx)) {
                    json(ctx, 404, Map.of("error", notFound));
                } else {
                    html(ctx, 404, pages.queryForm(notFound));
                }
            } else if (wantsJson(ctx)) {
                ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(page);
            } else {
                html(ctx, 200, page);
            }
        }).onFailure(e -> {
            LOG.error("letter query failed", e);
            PlainErrors.busy(ctx, "系统繁忙，请稍后再试");
        });
    }

    /** The page's form token, or (for clients that send none) the letter's content on the same day. */
    private String key(LetterForm form) {
        String basis = form.formToken() != null ? "token|" + form.formToken()
                : "form|" + LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC) + "|" + form.fingerprint();
        try {
            return "mailbox:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(basis.getBytes(StandardCharsets.UTF_8)), 0, 20);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void invalid(RoutingContext ctx, List<LetterForm.Problem> problems) {
        if (wantsJson(ctx)) {
            json(ctx, 400, Map.of("error", "invalid letter", "problems", problems));
        } else {
            html(ctx, 400, pages.form(newToken(), problems));
        }
    }

    private void tooMany(RoutingContext ctx, String limit, String message) {
        ctx.response().putHeader("Retry-After", "3600");
        if (wantsJson(ctx)) {
            json(ctx, 429, Map.of("error", message, "limit", limit));
        } else {
            html(ctx, 429, pages.tooMany(message));
        }
    }

    private static boolean wantsJson(RoutingContext ctx) {
        String accept = ctx.request().getHeader("Accept");
        return accept != null && accept.contains("application/json");
    }

    private static void html(RoutingContext ctx, int status, String page) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("X-Frame-Options", "DENY").end(page);
    }

    private static void json(RoutingContext ctx, int status, Object body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(Jsons.write(body));
    }

    private String address(RoutingContext ctx) {
        return clients.of(ctx.request());
    }

    private static String newToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static final class TooMany extends RuntimeException {
        TooMany() {
            super("too many letters for this phone today", null, false, false);
        }
    }
}
