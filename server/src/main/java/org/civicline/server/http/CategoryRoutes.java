package org.civicline.server.http;

import io.vertx.ext.web.Router;
import java.util.List;
import org.civicline.core.json.Jsons;
import org.civicline.core.reference.CategoryCatalog;

/**
 * {@code GET /api/categories[?q=路灯]}: the taxonomy for case forms, searched by code, name, keyword or pinyin initials
 * ({@code ?q=ld}); each category carries its name's initials so the form can filter as the agent types.
 */
public final class CategoryRoutes {

    /** One category as forms show it; {@code initials}: every pinyin spelling of the name's initials (ldzm). */
    public record CategoryView(String code, String name, String nameEn, String parentCode, String department,
                               List<String> keywords, List<String> initials) {
    }

    private final CategoryCatalog catalog;

    public CategoryRoutes(CategoryCatalog catalog) {
        this.catalog = catalog;
    }

    public void mount(Router router) {
        router.get("/api/categories").handler(ctx -> {
            String q = ctx.queryParams().get("q");
            List<CategoryCatalog.Entry> entries = q == null || q.isBlank() ? catalog.entries()
                    : catalog.search(q.length() > 50 ? q.substring(0, 50) : q);
            ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(Jsons.write(entries.stream()
                    .map(e -> new CategoryView(e.code(), e.name(), e.nameEn(), e.category().parentCode(),
                            e.category().department(), e.keywords(), catalog.initialsOf(e.code())))
                    .toList()));
        });
    }
}
