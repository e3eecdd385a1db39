package org.civicline.core.knowledge;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An inverted n-gram index of the articles: term → article → weight (title and keywords count more than the
 * body). Not thread-safe: one index per owner, replaced whole when articles change.
 */
final class ArticleIndex {
    private static final int TITLE = 3;
    private static final int KEYWORD = 3;
    private static final int BODY = 1;
    /** Share of the query's terms an article must contain to be a hit at all. */
    private static final double MIN_COVERAGE = 0.25;

    /** A found article and how well it matched. */
    record Hit(Article article, double score) {
    }

    private final Map<String, Map<String, Integer>> postings = new HashMap<>();
    private final Map<String, Article> articles = new HashMap<>();

    ArticleIndex(List<Article> all) {
        for (Article a : all) {
            articles.put(a.id(), a);
            post(a.id(), Ngrams.of(a.title()), TITLE);
            post(a.id(), Ngrams.of(String.join(" ", a.keywords())), KEYWORD);
            post(a.id(), Ngrams.of(a.body()), BODY);
        }
    }

    private void post(String id, Set<String> terms, int weight) {
        for (String term : terms) {
            postings.computeIfAbsent(term, t -> new HashMap<>()).merge(id, weight, Integer::sum);
        }
    }

    java.util.Collection<Article> all() {
        return articles.values();
    }

    List<Hit> search(String query, String categoryCode, LocalDate day, boolean includeInvalid, int limit) {
        Set<String> terms = Ngrams.of(query);
        if (terms.isEmpty()) {
            return List.of();
        }
        Map<String, Integer> matched = new HashMap<>();
        Map<String, Integer> weight = new HashMap<>();
        for (String term : terms) {
            postings.getOrDefault(term, Map.of()).forEach((id, w) -> {
                matched.merge(id, 1, Integer::sum);
                weight.merge(id, w, Integer::sum);
            });
        }
        List<Hit> hits = new ArrayList<>();
        matched.forEach((id, count) -> {
            Article a = articles.get(id);
            double coverage = (double) count / terms.size();
            if (coverage < MIN_COVERAGE || !includeInvalid && !a.isValidOn(day)
                    || categoryCode != null && a.categoryCode() != null && !a.categoryCode().startsWith(categoryCode)) {
                return;
            }
            hits.add(new Hit(a, coverage * 10 + weight.get(id) / (double) terms.size()));
        });
        hits.sort(Comparator.comparingDouble(Hit::score).reversed().thenComparing(h -> h.article().id()));
        return hits.subList(0, Math.min(limit, hits.size()));
    }
}
