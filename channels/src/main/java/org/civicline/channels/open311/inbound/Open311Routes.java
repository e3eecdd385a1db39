package org.civicline.channels.open311.inbound;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.civicline.channels.http.FormBody;
import org.civicline.channels.http.PlainErrors;
import org.civicline.core.http.ClientAddresses;
import org.civicline.core.http.RateLimiter;
import org.civicline.channels.open311.Open311Config;
import org.civicline.channels.open311.PublicRequests;
import org.civicline.channels.open311.RequestViews;
import org.civicline.channels.open311.ServiceCatalog;
import org.civicline.channels.open311.format.Doc;
import org.civicline.channels.open311.format.Errors;
import org.civicline.channels.open311.format.Format;
import org.civicline.channels.uploads.PhotoStore;
import org.civicline.channels.uploads.StoredPhoto;
import org.civicline.core.bus.FailureCodes;
import org.civicline.core.model.Attachment;
import org.civicline.core.model.Category;
import org.civicline.core.model.Channel;
import org.civicline.core.workflow.Case;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** GeoReport v2 under {@code /open311/v2/}: the six operations, discovery, the update feed and photo upload. */
public final class Open311Routes {
    public static final String BASE = "/open311/v2";
    private static final Logger LOG = LoggerFactory.getLogger(Open311Routes.class);
    private static final String FMT = "\\.(?<fmt>xml|json)$";
    private static final String CHANGESET = "2026-11-01T00:00:00+08:00";

    private final Open311Config config;
    private final ServiceCatalog services;
    private final RequestViews views;
    private final PublicRequests requests;
    private final Open311Submissions submissions;
    private final PhotoStore photos;
    private final String publicUrl;
    private final RateLimiter posts;
    private final ClientAddresses clients;
    private final Clock clock;

    public Open311Routes(Open311Config config, ServiceCatalog services, RequestViews views, PublicRequests requests,
                         Open311Submissions submissions, PhotoStore photos, String publicUrl,
                         ClientAddresses clients, Clock clock) {
        this.config = config;
        this.services = services;
        this.views = views;
        this.requests = requests;
        this.submissions = submissions;
        this.photos = photos;
        this.publicUrl = publicUrl;
        this.clients = clients;
        this.posts = new RateLimiter(config.postsPerMinute(), java.time.Duration.ofMinutes(1), clock);
        this.clock = clock;
    }

    public void mount(Router router) {
        String base = "^" + BASE.replace("/", "\\/") + "\\/";
        router.getWithRegex(base + "discovery" + FMT).handler(this::discovery);
        router.getWithRegex(base + "services" + FMT).handler(ctx -> send(ctx, services.services()));
        router.getWithRegex(base + "services\\/(?<code>[^/]+?)" + FMT).handler(this::definition);
        long limit = photos.maxBytes() + config.maxBodyBytes();
        router.postWithRegex(base + "requests" + FMT).handler(new FormBody(limit)).handler(this::post)
                .failureHandler(ctx -> failure(ctx, limit));
        router.postWithRegex(base + "media" + FMT).handler(new FormBody(limit)).handler(this::upload)
                .failureHandler(ctx -> failure(ctx, limit));
        router.getWithRegex(base + "requests" + FMT).handler(this::list);
        router.getWithRegex(base + "requests\\/(?<id>[^/]+?)" + FMT).handler(this::one);
        router.getWithRegex(base + "tokens\\/(?<token>[^/]+?)" + FMT).handler(this::token);
        router.getWithRegex(base + "servicerequestupdates" + FMT).handler(this::updates);
        router.get(BASE + "/media/:name").handler(photos::serve);
    }

    private void discovery(RoutingContext ctx) {
        Doc.Arr formats = new Doc.Arr("formats", "format", List.of("text/xml", "application/json"));
        Doc.Obj endpoint = new Doc.Obj("endpoint")
                .put("specification", "http://wiki.open311.org/GeoReport_v2")
                .put("url", publicUrl + BASE)
                .put("changeset", CHANGESET)
                .put("type", "production")
                .put("formats", formats);
        send(ctx, new Doc.Obj("discovery")
                .put("changeset", CHANGESET)
                .put("contact", config.contact())
                .put("key_service", "api_key 请向 " + config.contact() + " 申请")
                .put("endpoints", new Doc.Arr("endpoints", "endpoint", List.of(endpoint))));
    }

    private void definition(RoutingContext ctx) {
        Optional<Category> service = services.find(ctx.pathParam("code"));
        if (service.isEmpty()) {
            error(ctx, Errors.of(404, "service_code '" + clip(ctx.pathParam("code")) + "' is not a service"));
            return;
        }
        send(ctx, services.definition(service.get()));
    }

    private void post(RoutingContext ctx) {
        MultiMap form = FormBody.of(ctx).fields();
        String apiKey = Optional.ofNullable(ServiceRequestForm.value(form, "api_key"))
                .orElse(ctx.request().getParam("api_key"));
        if (apiKey == null || !config.apiKeys().contains(apiKey)) {
            error(ctx, Errors.of(403, apiKey == null ? "api_key is required" : "api_key is not valid"));
            return;
        }
        if (!posts.tryAcquire(clientAddress(ctx))) {
            error(ctx, Errors.of(429, "too many requests from this address; try again in a minute"));
            return;
        }
        List<FormBody.File> uploads = FormBody.of(ctx).files();
        List<String> uploadProblems = uploadProblems(uploads);
        ServiceRequestForm.Reading reading = ServiceRequestForm.read(form, services, uploads.size() == 1);
        List<String> problems = new ArrayList<>(reading.problems());
        problems.addAll(uploadProblems);
        if (!problems.isEmpty()) {
            error(ctx, new Errors(400, problems));
            return;
        }
        ServiceRequestForm request = reading.form();
        Future<Optional<PhotoStore.Photo>> photo = uploads.isEmpty() ? Future.succeededFuture(Optional.empty())
                : photos.inspect(uploads.get(0)).map(Optional::of);
        photo.compose(inspected -> {
            ServiceRequestForm located = request;
            if (!request.hasLocation()) {
                Optional<org.civicline.core.model.GeoPoint> exif = inspected.flatMap(PhotoStore.Photo::exifLocation);
                if (exif.isEmpty()) {
                    return Future.failedFuture(new PhotoStore.RejectedUpload("media",
                            "has no GPS position: a location is required (lat and long, address_string or address_id)"));
                }
                located = request.withLocation(exif.get());
            }
            ServiceRequestForm ready = located;
            String key = idempotencyKey(ctx, apiKey, ready, inspected.map(PhotoStore.Photo::sha256).orElse(""));
            Future<List<Attachment>> kept = inspected.isEmpty() ? Future.succeededFuture(attachmentOf(ready))
                    : photos.keep(inspected.get()).map(p -> List.of(p.attachment()));
            Channel channel = config.cityAppKeys().contains(apiKey) ? Channel.APP : Channel.OPEN311;
            return kept.compose(attachments -> submissions.submit(ready, services.find(ready.serviceCode())
                    .orElseThrow(), clientName(apiKey), channel, key, attachments));
        }).onSuccess(done -> {
            Doc.Obj answer = new Doc.Obj("request");
            if (done.caseNumber() != null) {
                answer.put("service_request_id", done.caseNumber());
            } else {
                answer.put("token", done.token());
            }
            answer.put("service_notice", notice(done));
            if (request.accountId() != null) {
                answer.put("account_id", request.accountId());
            }
            send(ctx, new Doc.Arr("service_requests", "request", List.of(answer)));
        }).onFailure(e -> refuse(ctx, e));
    }

    private void upload(RoutingContext ctx) {
        String apiKey = Optional.ofNullable(ServiceRequestForm.value(FormBody.of(ctx).fields(), "api_key"))
                .orElse(ctx.request().getParam("api_key"));
        if (apiKey == null || !config.apiKeys().contains(apiKey)) {
            error(ctx, Errors.of(403, apiKey == null ? "api_key is required" : "api_key is not valid"));
            return;
        }
        List<FormBody.File> files = FormBody.of(ctx).files();
        List<String> problems = uploadProblems(files);
        if (files.isEmpty()) {
            problems = List.of("media is required: a JPEG or PNG photo");
        }
        if (!problems.isEmpty()) {
            error(ctx, new Errors(400, problems));
            return;
        }
        photos.inspect(files.get(0)).compose(photos::keep).onSuccess((StoredPhoto p) -> {
            Doc.Obj answer = new Doc.Obj("media").put("media_url", p.attachment().reference());
            p.exifLocation().ifPresent(g -> answer.put("lat", g.latitude()).put("long", g.longitude()));
            send(ctx, answer);
        }).onFailure(e -> refuse(ctx, e));
    }

    private void list(RoutingContext ctx) {
        RequestQuery.Reading reading = RequestQuery.read(ctx.queryParams(), clock.instant());
        if (!reading.problems().isEmpty()) {
            error(ctx, new Errors(400, reading.problems()));
            return;
        }
        requests.find(reading.query()).onSuccess(found -> send(ctx, new Doc.Arr("service_requests", "request",
                found.stream().map(c -> views.request(c, reading.query().extensions())).toList())))
                .onFailure(e -> refuse(ctx, e));
    }

    private void one(RoutingContext ctx) {
        boolean extensions = "true".equalsIgnoreCase(ctx.request().getParam("extensions"));
        String id = ctx.pathParam("id");
        requests.one(id).onSuccess(found -> {
            if (found.isEmpty()) {
                error(ctx, Errors.of(404, "service_request_id '" + clip(id) + "' was not found"));
            } else {
                send(ctx, new Doc.Arr("service_requests", "request", List.of(views.request(found.get(), extensions))));
            }
        }).onFailure(e -> refuse(ctx, e));
    }

    private void token(RoutingContext ctx) {
        String token = ctx.pathParam("token");
        if (!token.matches("[a-z0-9]{4,60}")) {
            error(ctx, Errors.of(404, "token '" + clip(token) + "' was not found"));
            return;
        }
        submissions.byToken(token).onSuccess(found -> {
            if (found.isEmpty()) {
                error(ctx, Errors.of(404, "token '" + clip(token) + "' was not found"));
                return;
            }
            send(ctx, new Doc.Arr("service_requests", "request", List.of(new Doc.Obj("request")
                    .put("service_request_id", found.get().caseNumber()).put("token", token))));
        }).onFailure(e -> refuse(ctx, e));
    }

    private void updates(RoutingContext ctx) {
        RequestQuery.Reading reading = RequestQuery.read(ctx.queryParams(), clock.instant());
        if (!reading.problems().isEmpty()) {
            error(ctx, new Errors(400, reading.problems()));
            return;
        }
        RequestQuery q = reading.query();
        requests.recent().onSuccess(cases -> {
            record Step(Case c, org.civicline.core.workflow.CaseEvent e) {
            }
            List<Step> steps = new ArrayList<>();
            cases.forEach(c -> c.log().stream().filter(e -> !e.at().isBefore(q.start()) && !e.at().isAfter(q.end()))
                    .forEach(e -> steps.add(new Step(c, e))));
            steps.sort(Comparator.comparing((Step s) -> s.e().at()).reversed());
            int from = Math.min(steps.size(), (q.page() - 1) * q.pageSize());
            send(ctx, new Doc.Arr("service_request_updates", "request_update", steps
                    .subList(from, Math.min(steps.size(), from + q.pageSize())).stream()
                    .map(s -> views.update(s.c(), s.e())).toList()));
        }).onFailure(e -> refuse(ctx, e));
    }

    private List<String> uploadProblems(List<FormBody.File> uploads) {
        List<String> problems = new ArrayList<>();
        if (uploads.size() > 1) {
            problems.add("media: one photo per request, got " + uploads.size() + " files");
        }
        for (FormBody.File upload : uploads) {
            if (!"media".equals(upload.field())) {
                problems.add("'" + clip(upload.field()) + "' is not a file field; send the photo as media");
            }
        }
        return problems;
    }

    private List<Attachment> attachmentOf(ServiceRequestForm form) {
        return form.mediaUrl() == null ? List.of() : List.of(new Attachment("photo", form.mediaUrl(), null, 0));
    }

    private String notice(Submitted done) {
        if (done.caseNumber() == null) {
            return "已收到，正在立案；稍后可用 token 查询工单号。";
        }
        return "已受理，工单号 " + done.caseNumber()
                + (done.deadline() == null ? "。" : "，预计 " + views.time(done.deadline()) + " 前办理。");
    }

    /**
     * The submission's key: the client's Idempotency-Key header when it sends one, else everything that decides the
     * request on the same day. Either way a retry of the same POST maps to the same contact.
     */
    private String idempotencyKey(RoutingContext ctx, String apiKey, ServiceRequestForm form, String photoHash) {
        String header = ctx.request().getHeader("Idempotency-Key");
        String basis = header != null && !header.isBlank() && header.length() <= 200
                ? "header|" + header.strip()
                : "form|" + LocalDate.ofInstant(clock.instant(), views.zone()) + "|" + form.fingerprint() + "|"
                + photoHash;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((apiKey + "|" + basis).getBytes(StandardCharsets.UTF_8));
            return "open311:" + HexFormat.of().formatHex(digest, 0, 20);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String clientName(String apiKey) {
        return "key-" + apiKey.substring(0, Math.min(4, apiKey.length()));
    }

    private String clientAddress(RoutingContext ctx) {
        return clients.of(ctx.request());
    }

    private void refuse(RoutingContext ctx, Throwable e) {
        if (e instanceof PhotoStore.RejectedUpload rejected) {
            error(ctx, Errors.of(400, rejected.getMessage()));
        } else if (e instanceof ReplyException r && r.failureCode() == FailureCodes.INVALID) {
            error(ctx, Errors.of(400, r.getMessage()));
        } else {
            LOG.error("Open311 {} failed", ctx.request().path(), e);
            error(ctx, Errors.of(503, "service busy, try again shortly"));
        }
    }

    private void failure(RoutingContext ctx, long limit) {
        int status = ctx.statusCode() == 413 ? 413 : 400;
        if (ctx.statusCode() >= 500 || ctx.statusCode() < 0) {
            LOG.error("Open311 {} failed", ctx.request().path(), ctx.failure());
            status = 500;
        }
        error(ctx, Errors.of(status, status == 413 ? "request body larger than " + limit + " bytes"
                : status == 500 ? "internal error" : "bad request"));
    }

    private static void send(RoutingContext ctx, Doc doc) {
        Format format = Format.of(ctx.pathParam("fmt"));
        ctx.response().putHeader("Content-Type", format.contentType()).end(format.write(doc));
    }

    private static void error(RoutingContext ctx, Errors errors) {
        if (ctx.response().ended()) {
            return;
        }
        Format format = Format.of(ctx.pathParam("fmt"));
        if (errors.status() == 503) {
            ctx.response().putHeader("Retry-After", PlainErrors.RETRY_AFTER_SECONDS);
        }
        ctx.response().setStatusCode(errors.status()).putHeader("Content-Type", format.contentType())
                .end(format.write(errors.toDoc()));
    }

    private static String clip(String text) {
        return text == null ? "" : text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
