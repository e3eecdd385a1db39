package org.civicline.core.knowledge;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.civicline.core.cases.ValidationException;
import org.civicline.core.reference.KnowledgeFile;
import org.civicline.core.store.Ids;
import org.civicline.core.store.ReferenceStore;

/**
 * The knowledge base: articles in the shared store, searched through an n-gram index each node keeps in memory.
 * A change on any node is announced on {@link #CHANGED}, and every node rebuilds its index from the store.
 */
public final class KnowledgeBase {
    /** Notice (empty body): the articles changed; rebuild the index. */
    public static final String CHANGED = "civicline.knowledge.changed";
    static final int MAX_TITLE = 200;
    static final int MAX_BODY = 20_000;
    static final int MAX_KEYWORDS = 30;
    /** The author recorded on articles taken from the file. */
    static final String SEEDED_BY = "knowledge.yaml";

    /** An article as written through the API; id and update stamp are given here. */
    public record Draft(String title, String body, String categoryCode, List<String> keywords, LocalDate validFrom,
                        LocalDate validTo, String actor) {
    }

    /** A search result: the article and its score (higher is better). */
    public record Found(Article article, double score) {
    }

    private final Vertx vertx;
    private final ReferenceStore store;
    private final Clock clock;
    private final ZoneId zone;
    private ArticleIndex index = new ArticleIndex(List.of());

    public KnowledgeBase(Vertx vertx, ReferenceStore store, Clock clock, ZoneId zone) {
        this.vertx = vertx;
        this.store = store;
        this.clock = clock;
        this.zone = zone;
    }

    /** Loads the index and follows changes made on any node. */
    public Future<Void> start() {
        return start(List.of());
    }

    /**
     * Stores each article of {@code seed} (from {@code reference/knowledge.yaml}) that is not stored yet, so that
     * answers changed through the API survive a restart; then loads the index and follows changes on any node.
     */
    public Future<Void> start(List<KnowledgeFile.Entry> seed) {
        vertx.eventBus().consumer(CHANGED, m -> reload());
        Future<Void> seeded = Future.succeededFuture();
        for (KnowledgeFile.Entry entry : seed) {
            seeded = seeded.compose(v -> store.get(Article.KIND, entry.id(), Article.class)).compose(found -> found
                    .isPresent() ? Future.<Void>succeededFuture() : store.put(Article.KIND, entry.id(), new Article(
                    entry.id(), entry.title(), entry.body(), entry.category(), entry.keywords(), entry.validFrom(),
                    entry.validTo(), clock.instant(), SEEDED_BY)));
        }
        return seeded.compose(v -> reload());
    }

    /** The articles of a category (and its sub-categories) valid today, by title. */
    public List<Article> inCategory(String categoryCode, int limit) {
        ArticleIndex current;
        synchronized (this) {
            current = index;
        }
        LocalDate today = LocalDate.now(clock.withZone(zone));
        return current.all().stream()
                .filter(a -> a.categoryCode() != null && a.categoryCode().startsWith(categoryCode) && a.isValidOn(today))
                .sorted(java.util.Comparator.comparing(Article::title)).limit(limit).toList();
    }

    public Future<Void> reload() {
        return store.list(Article.KIND, Article.class).map(all -> {
            ArticleIndex fresh = new ArticleIndex(all);
            synchronized (this) {
                index = fresh;
            }
            return null;
        });
    }

    public Future<Article> create(Draft draft) {
        return save(null, draft);
    }

    public Future<Article> update(String id, Draft draft) {
        return get(id).compose(found -> found.isPresent() ? save(id, draft)
                : Future.failedFuture(new org.civicline.core.store.NotFoundException("no article " + id)));
    }

    public Future<Optional<Article>> get(String id) {
        if (id == null || !id.matches("[A-Za-z0-9-]{1,64}")) {
            return Future.succeededFuture(Optional.empty());
        }
        return store.get(Article.KIND, id, Article.class);
    }

    /** Best matches first; only articles valid today unless {@code includeInvalid}. */
    public List<Found> search(String query, String categoryCode, boolean includeInvalid, int limit) {
        ArticleIndex current;
        synchronized (this) {
            current = index;
        }
        return current.search(query, categoryCode, LocalDate.now(clock.withZone(zone)), includeInvalid, limit).stream()
                .map(h -> new Found(h.article(), Math.round(h.score() * 100) / 100.0)).toList();
    }

    private Future<Article> save(String id, Draft d) {
        List<ValidationException.Problem> problems = problems(d);
        if (!problems.isEmpty()) {
            return Future.failedFuture(new ValidationException(problems));
        }
        Article article = new Article(id == null ? Ids.next("kb-", clock.instant()) : id, d.title().strip(),
                d.body().strip(), d.categoryCode(), d.keywords(), d.validFrom(), d.validTo(), clock.instant(),
                d.actor());
        return store.put(Article.KIND, article.id(), article)
                .compose(v -> reload())
                .onSuccess(v -> vertx.eventBus().publish(CHANGED, ""))
                .map(article);
    }

    private static List<ValidationException.Problem> problems(Draft d) {
        List<ValidationException.Problem> problems = new ArrayList<>();
        if (d.title() == null || d.title().isBlank() || d.title().length() > MAX_TITLE) {
            problems.add(new ValidationException.Problem("title", "is required, at most " + MAX_TITLE + " characters"));
        }
        if (d.body() == null || d.body().isBlank() || d.body().length() > MAX_BODY) {
            problems.add(new ValidationException.Problem("body", "is required, at most " + MAX_BODY + " characters"));
        }
        if (d.keywords() != null && (d.keywords().size() > MAX_KEYWORDS
                || d.keywords().stream().anyMatch(k -> k == null || k.isBlank() || k.length() > 50))) {
            problems.add(new ValidationException.Problem("keywords", "at most " + MAX_KEYWORDS
                    + " words of 1–50 characters"));
        }
        if (d.validFrom() != null && d.validTo() != null && d.validTo().isBefore(d.validFrom())) {
            problems.add(new ValidationException.Problem("validTo", "must not be before validFrom"));
        }
        if (d.actor() == null || d.actor().isBlank()) {
            problems.add(new ValidationException.Problem("actor", "is required: who maintains the article"));
        }
        return problems;
    }
}
