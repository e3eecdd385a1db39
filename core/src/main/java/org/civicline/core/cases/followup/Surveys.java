package org.civicline.core.cases.followup;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.Optional;
import org.civicline.core.store.ReferenceStore;
import org.civicline.core.workflow.Case;

/** The survey page's side of the follow-up: find the open survey of a token, take the answer once. */
public final class Surveys {
    private final ReferenceStore documents;
    private final Evaluations evaluations;
    private final Clock clock;

    public Surveys(ReferenceStore documents, Evaluations evaluations, Clock clock) {
        this.documents = documents;
        this.evaluations = evaluations;
        this.clock = clock;
    }

    /** The survey when the token is ours, unanswered and not expired. */
    public Future<Optional<Survey>> open(String token) {
        if (!Survey.isWellFormed(token)) {
            return Future.succeededFuture(Optional.empty());
        }
        return documents.get(Survey.KIND, token, Survey.class)
                .map(found -> found.filter(s -> s.isOpen(clock.instant())));
    }

    /** Records the answer; empty when the link is no longer open. */
    public Future<Optional<Case>> answer(String token, SurveyAnswer answer) {
        return open(token).compose(found -> {
            if (found.isEmpty()) {
                return Future.succeededFuture(Optional.empty());
            }
            Survey survey = found.get();
            return evaluations.record(survey.caseNumber(), answer, "resident-survey")
                    .compose(c -> documents.put(Survey.KIND, token, survey.answered(clock.instant()))
                            .map(v -> Optional.of(c)));
        });
    }
}
