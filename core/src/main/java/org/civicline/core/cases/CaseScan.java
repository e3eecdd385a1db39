package org.civicline.core.cases;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import org.civicline.core.store.CaseStore;
import org.civicline.core.workflow.Case;

/**
 * The newest cases, read from the store for lists, duplicate checks and reports. Bounded by the configured limit;
 * every node reads the same store, so each sees the same cases.
 */
public final class CaseScan {
    private final CaseStore cases;
    private final int limit;

    public CaseScan(CaseStore cases, int limit) {
        this.cases = cases;
        this.limit = limit;
    }

    public Future<List<Case>> recent() {
        return cases.recentNumbers(limit).compose(numbers -> Future.all(numbers.stream().map(cases::get).toList())
                .map(all -> all.<Optional<Case>>list().stream().flatMap(Optional::stream).toList()));
    }
}
