package org.civicline.core.cases.http;

import io.vertx.ext.web.Router;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.civicline.core.cases.CaseHandling;
import org.civicline.core.cases.NotAssignedException;
import org.civicline.core.cases.departments.Department;
import org.civicline.core.cases.departments.DepartmentWork;
import org.civicline.core.cases.departments.Extensions;
import org.civicline.core.cases.log.LogTag;
import org.civicline.core.store.NotFoundException;
import org.civicline.core.workflow.CaseState;

/**
 * {@code /api/departments}: the catalogue, each department's open cases; {@code /api/supervisor/supervision}, the
 * supervisor's list of overdue cases, and {@code /api/supervisor/map/cases}, the open cases placed on the map.
 */
public final class DepartmentRoutes {

    /** A department in the list; phones stay out of it. */
    public record DepartmentView(String name, List<String> categories, String gridPrefix) {
    }

    /** One case on a department's desk. */
    public record AssignedCase(String number, CaseState state, String stateName, String categoryCode,
                               String description, String address, Instant deadline, long returns, long reminders,
                               boolean supervised, boolean extensionPending) {
    }

    /** An open case with a place, as the supervisor's map marks it. */
    public record MapCase(String number, CaseState state, String stateName, String categoryCode, String description,
                          String address, String assignee, Instant deadline, double longitude, double latitude) {
    }

    private final CaseHandling cases;

    public DepartmentRoutes(CaseHandling cases) {
        this.cases = cases;
    }

    public void mount(Router router) {
        router.get("/api/departments").handler(ctx -> HttpReplies.json(ctx, 200, cases.departments.all().stream()
                .map(d -> new DepartmentView(d.name(), d.categories(), d.gridPrefix())).toList()));
        router.get("/api/departments/:name/cases").handler(ctx -> HttpReplies.answer(ctx, () -> {
            String name = ctx.pathParam("name");
            String signedIn = ctx.get(CaseStepRoutes.DEPARTMENT);
            if (signedIn != null && !signedIn.equals(name)) {
                throw new NotAssignedException("a user of " + signedIn + " sees only that department's cases");
            }
            Department department = cases.departments.find(name)
                    .orElseThrow(() -> new NotFoundException("no department " + name));
            return cases.scan.open(department.name()).map(all -> all.stream()
                    .map(c -> new AssignedCase(c.number(), c.state(), c.state().chinese(), c.categoryCode(),
                            c.details().description(), c.details().address(), c.deadline(),
                            DepartmentWork.returnCount(c), c.log().stream().filter(LogTag.REMINDER::marks).count(),
                            c.log().stream().anyMatch(LogTag.SUPERVISION::marks), Extensions.pending(c).isPresent()))
                    .sorted(Comparator.comparing(AssignedCase::deadline,
                            Comparator.nullsLast(Comparator.naturalOrder())))
                    .toList());
        }));
        router.get("/api/supervisor/supervision").handler(ctx -> HttpReplies.answer(ctx, cases.supervision::list));
        // Every open case, as the supervision list; a case without a place has nowhere to be drawn.
        router.get("/api/supervisor/map/cases").handler(ctx -> HttpReplies.answer(ctx, () -> cases.scan.open(null)
                .map(all -> all.stream().filter(c -> c.location() != null)
                        .map(c -> new MapCase(c.number(), c.state(), c.state().chinese(), c.categoryCode(),
                                c.details().description(), c.details().address(), c.assignee(), c.deadline(),
                                c.location().longitude(), c.location().latitude()))
                        .toList())));
    }
}
