package org.civicline.core.cases;

import io.vertx.core.Future;
import java.util.Optional;
import java.util.function.Function;
import org.civicline.core.cases.log.CaseChanges;
import org.civicline.core.workflow.Case;
import org.civicline.core.workflow.CaseState;
import org.civicline.core.workflow.CaseTransition;

/**
 * Resolved on contact (直接办结): the agent answered the resident on the call, usually from the knowledge base, and
 * closes the case at once. It is still evaluated and followed up, and counts toward first-contact resolution.
 */
public final class ResolvedOnContact {
    static final int MAX_ANSWER = 4000;

    /** A knowledge-base answer as this needs it. */
    public record KnownAnswer(String id, String title, String body) {
    }

    private final CaseChanges changes;
    private final Function<String, Future<Optional<KnownAnswer>>> knowledge;

    public ResolvedOnContact(CaseChanges changes, Function<String, Future<Optional<KnownAnswer>>> knowledge) {
        this.changes = changes;
        this.knowledge = knowledge;
    }

    /** Closes with {@code answer}, or with the article {@code articleId}'s text when no answer is written. */
    public Future<Case> resolve(String number, String actor, String articleId, String answer) {
        String who = Checks.text(actor, "actor", 100);
        String written = Checks.optionalText(answer, "answer", MAX_ANSWER);
        if (written == null && (articleId == null || articleId.isBlank())) {
            throw Checks.invalid("answer", "is required, or an articleId of the knowledge base");
        }
        Future<String> text = articleId == null || articleId.isBlank() ? Future.succeededFuture(written)
                : knowledge.apply(articleId).compose(found -> found.isEmpty()
                ? Future.failedFuture(Checks.invalid("articleId", "no knowledge-base article " + articleId))
                : Future.succeededFuture("知识库 " + found.get().id() + "《" + found.get().title() + "》"
                + (written == null ? "：" + found.get().body() : "：" + written)));
        return text.compose(note -> changes.get(number).compose(c -> changes.transition(number,
                CaseTransition.to(CaseState.RESOLVED_ON_CONTACT, who)
                        .withNote(note.length() > MAX_ANSWER ? note.substring(0, MAX_ANSWER) : note)
                        .atVersion(c.version()))));
    }
}
