package org.civicline.core.knowledge;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.civicline.core.cases.http.HttpReplies;
import org.civicline.core.store.NotFoundException;

/**
 * {@code /api/knowledge}: search ({@code ?q=井盖&category=01&all=true}; {@code ?category=0602} alone lists that
 * category's answers), read, create and update articles. To
 * withdraw an article, end its validity (validTo).
 */
public final class KnowledgeRoutes {
    static final int MAX_QUERY = 200;
    private final KnowledgeBase knowledge;

    public KnowledgeRoutes(KnowledgeBase knowledge) {
        this.knowledge = knowledge;
    }

    public void mount(Router router) {
        router.get("/api/knowledge").handler(this::search);
        router.get("/api/knowledge/:id").handler(ctx -> HttpReplies.answer(ctx, () -> knowledge.get(ctx.pathParam("id"))
                .map(found -> found.orElseThrow(() -> new NotFoundException("no article " + ctx.pathParam("id"))))));
        router.post("/api/knowledge").handler(ctx -> draft(ctx).ifPresent(d -> HttpReplies.answer(ctx,
                () -> knowledge.create(d))));
        router.put("/api/knowledge/:id").handler(ctx -> draft(ctx).ifPresent(d -> HttpReplies.answer(ctx,
                () -> knowledge.update(ctx.pathParam("id"), d))));
    }

    private void search(RoutingContext ctx) {
        String q = ctx.queryParams().get("q");
        String category = ctx.queryParams().get("category");
        if (category != null && !category.matches("\\d{2}|\\d{4}")) {
            HttpReplies.invalid(ctx, "category", "must be a category code of two or four digits, e.g. 0602");
            return;
        }
        if ((q == null || q.isBlank()) && category != null) {
            // What the agent may need for the category just picked, before they type anything.
            HttpReplies.json(ctx, 200, Map.of("category", category, "results", knowledge.inCategory(category, 20)
                    .stream().map(a -> new KnowledgeBase.Found(a, 0)).toList()));
            return;
        }
        if (q == null || q.isBlank() || q.length() > MAX_QUERY) {
            HttpReplies.invalid(ctx, "q", "is required (or a category), at most " + MAX_QUERY + " characters");
            return;
        }
        boolean all = "true".equals(ctx.queryParams().get("all"));
        HttpReplies.json(ctx, 200, Map.of("query", q, "results",
                knowledge.search(q, ctx.queryParams().get("category"), all, 20)));
    }

    private static java.util.Optional<KnowledgeBase.Draft> draft(RoutingContext ctx) {
        return org.civicline.core.cases.http.JsonBody.read(ctx, KnowledgeBase.Draft.class);
    }
}
