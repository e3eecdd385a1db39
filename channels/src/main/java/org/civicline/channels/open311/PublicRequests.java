package org.civicline.channels.open311;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.civicline.channels.open311.inbound.RequestQuery;
import org.civicline.core.model.Channel;
import org.civicline.core.store.CaseNumbers;
import org.civicline.core.store.CaseStore;
import org.civicline.core.workflow.Case;

/**
 * The cases GeoReport shows: those residents filed as public reports through Open311 or the city app. Hotline
 * calls, chats and letters stay private.
 */
public final class PublicRequests {
    static final Set<Channel> PUBLIC = Set.of(Channel.OPEN311, Channel.APP);
    /** How far back the listing looks; GeoReport's own default is the first 1000. */
    static final int SCAN = 1000;

    private final CaseStore cases;

    public PublicRequests(CaseStore cases) {
        this.cases = cases;
    }

    public Future<Optional<Case>> one(String number) {
        if (!CaseNumbers.isWellFormed(number)) {
            return Future.succeededFuture(Optional.empty());
        }
        return cases.get(number).map(found -> found.filter(c -> PUBLIC.contains(c.details().channel())));
    }

    /** Matching cases, newest first, the requested page only. */
    public Future<List<Case>> find(RequestQuery query) {
        Future<List<String>> numbers = query.byId() ? Future.succeededFuture(query.ids())
                : cases.recentNumbers(SCAN);
        return numbers.compose(list -> {
            List<Future<Optional<Case>>> reads = new ArrayList<>();
            list.forEach(n -> reads.add(one(n)));
            return Future.all(reads).map(done -> {
                List<Case> found = new ArrayList<>();
                reads.forEach(r -> r.result().filter(c -> query.byId() || matches(c, query)).ifPresent(found::add));
                found.sort(Comparator.comparing((Case c) -> c.details().createdAt()).reversed());
                int from = Math.min(found.size(), (query.page() - 1) * query.pageSize());
                return List.copyOf(found.subList(from, Math.min(found.size(), from + query.pageSize())));
            });
        });
    }

    /** Every public case among the most recent ones, for the update feed. */
    public Future<List<Case>> recent() {
        return cases.recentNumbers(SCAN).compose(list -> {
            List<Future<Optional<Case>>> reads = new ArrayList<>();
            list.forEach(n -> reads.add(one(n)));
            return Future.all(reads).map(done -> reads.stream().map(Future::result).flatMap(Optional::stream).toList());
        });
    }

    private static boolean matches(Case c, RequestQuery q) {
        if (!q.serviceCodes().isEmpty() && !q.serviceCodes().contains(c.categoryCode())) {
            return false;
        }
        if (!q.statuses().isEmpty() && !q.statuses().contains(RequestViews.status(c.state()))) {
            return false;
        }
        var created = c.details().createdAt();
        return !created.isBefore(q.start()) && !created.isAfter(q.end());
    }
}
