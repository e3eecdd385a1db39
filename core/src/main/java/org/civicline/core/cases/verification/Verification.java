package org.civicline.core.cases.verification;

import io.vertx.core.Future;
import org.civicline.core.cases.Checks;
import org.civicline.core.cases.log.CaseChanges;
import org.civicline.core.model.Attachment;
import org.civicline.core.workflow.Case;
import org.civicline.core.workflow.CaseState;
import org.civicline.core.workflow.CaseTransition;

/**
 * Verification (核查) of a department's feedback: the hotline calls the resident, or the grid worker looks on site
 * and takes a photo. Passed → verified and closed (结案); failed → reopened (重办), back to the same handler.
 */
public final class Verification {

    /** How it was verified. */
    public enum Method {
        HOTLINE_CALL("电话核查"),
        GRID_PHOTO("网格员现场核查");

        private final String chinese;

        Method(String chinese) {
            this.chinese = chinese;
        }
    }

    private final CaseChanges changes;

    public Verification(CaseChanges changes) {
        this.changes = changes;
    }

    public Future<Case> verify(String number, String actor, Method method, Boolean passed, String note,
                               Attachment photo) {
        String who = Checks.text(actor, "actor", 100);
        if (method == null) {
            throw Checks.invalid("method", "is required: HOTLINE_CALL or GRID_PHOTO");
        }
        if (passed == null) {
            throw Checks.invalid("passed", "is required: true or false");
        }
        if (method == Method.GRID_PHOTO && photo == null) {
            throw Checks.invalid("photo", "is required when a grid worker verifies on site");
        }
        String remark = Checks.optionalText(note, "note", 2000);
        String what = method.chinese + (photo == null ? "" : "，照片 " + photo.reference())
                + (remark == null ? "" : "：" + remark);
        return changes.get(number).compose(c -> {
            if (!passed) {
                return changes.transition(number, CaseTransition.to(CaseState.REOPENED, who)
                        .because("核查未通过：" + (remark == null ? method.chinese : remark))
                        .assignedTo(c.assignee()).withNote(what).atVersion(c.version()));
            }
            return changes.transition(number, CaseTransition.to(CaseState.VERIFIED, who).withNote(what)
                            .atVersion(c.version()))
                    .compose(v -> changes.transition(number, CaseTransition.to(CaseState.CLOSED, who)
                            .withNote("结案").atVersion(v.version())));
        });
    }
}
