package org.civicline.routing.followup;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import org.civicline.core.bus.Addresses;
import org.civicline.core.bus.CaseChanged;
import org.civicline.core.cases.CaseHandling;
import org.civicline.core.cases.CasesConfig;
import org.civicline.core.cases.departments.DepartmentDirectory;
import org.civicline.core.cluster.SingletonDeployer;
import org.civicline.core.cases.http.CaseStepRoutes;
import org.civicline.core.cases.http.DepartmentRoutes;
import org.civicline.core.cases.http.ReportRoutes;
import org.civicline.core.cases.http.ResidentRoutes;
import org.civicline.core.http.ClientAddresses;
import org.civicline.core.knowledge.KnowledgeRoutes;
import org.civicline.core.module.CivicModule;
import org.civicline.core.reference.KnowledgeFile;
import org.civicline.core.module.ModuleContext;
import org.civicline.routing.timers.DueTimerVerticle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Case handling to the end: departments, time limits with reminders and supervision, verification, follow-up,
 * merging, the knowledge base, progress for residents and reports; their HTTP API and the due-timer driver.
 */
public final class CasesModule implements CivicModule {
    private static final Logger LOG = LoggerFactory.getLogger(CasesModule.class);
    private CaseHandling handling;

    @Override
    public String name() {
        return "cases";
    }

    /** The wired services, once started (for tests and for modules that embed them). */
    public CaseHandling handling() {
        return handling;
    }

    @Override
    public Future<Void> start(ModuleContext context, Router router) {
        CasesConfig config = context.config().section("cases", CasesConfig.class);
        String publicUrl = context.config().has("http.publicUrl")
                ? context.config().section("http.publicUrl", String.class) : "http://localhost:8080";
        // departments.yaml and knowledge.yaml are read off the event loop: start may be called on one.
        var knowledgeSeed = context.vertx().executeBlocking(() -> KnowledgeFile.load(context.config().directory(),
                context.reference().categories()));
        return context.vertx().executeBlocking(() -> DepartmentDirectory.load(context.config().directory(),
                        context.reference().categories()))
                .compose(departments -> knowledgeSeed.map(seed -> departments))
                .compose(departments -> {
                    handling = new CaseHandling(context.vertx(), context.stores(), context.reference(), departments,
                            config, context.clock(), publicUrl);
                    new CaseStepRoutes(handling).mount(router);
                    new DepartmentRoutes(handling).mount(router);
                    new ResidentRoutes(handling, ClientAddresses.of(context.config()), context.clock()).mount(router);
                    new ReportRoutes(handling).mount(router);
                    new KnowledgeRoutes(handling.knowledge).mount(router);
                    // Changes made through /api/cases/{n}/transitions get their timers too; planning is idempotent.
                    // A step that needs no timer (most new cases) is not read back: planning is for the stored
                    // case, and a later step that does need one brings its own change.
                    context.vertx().eventBus().<CaseChanged>consumer(Addresses.CASE_CHANGED, m -> {
                        if (handling.planner.timersFor(m.body().current()).isEmpty()) {
                            return;
                        }
                        handling.changes.get(m.body().current().number()).compose(handling.planner::plan)
                                .onFailure(e -> LOG.warn("planning the timers of case {} failed",
                                        m.body().current().number(), e));
                    });
                    context.vertx().eventBus().<org.civicline.core.bus.ProgressRequest>consumer(
                            Addresses.CASE_PROGRESS, new ProgressDesk(handling.progress)::handle);
                    return handling.knowledge.start(knowledgeSeed.result());
                })
                // One node fires the due timers, one after another, so a case's notes never race for its log; the
                // store's per-timer claim stays behind it, so a timer fires once even while two nodes both run.
                .compose(v -> context.vertx().deployVerticle(new SingletonDeployer(DueTimerVerticle.SINGLETON,
                        context.stores().fences(), context.nodeId(), fence -> new DueTimerVerticle(
                        context.stores().timers(), context.clock(), handling.timerActions()))))
                .mapEmpty();
    }
}
