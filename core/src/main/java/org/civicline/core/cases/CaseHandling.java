package org.civicline.core.cases;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.civicline.core.cases.deadlines.DeadlineWatch;
import org.civicline.core.cases.deadlines.ReminderTime;
import org.civicline.core.cases.deadlines.StepWatch;
import org.civicline.core.cases.deadlines.Supervision;
import org.civicline.core.cases.deadlines.TimerKind;
import org.civicline.core.cases.deadlines.TimerPlanner;
import org.civicline.core.cases.departments.DepartmentDirectory;
import org.civicline.core.cases.departments.DepartmentWork;
import org.civicline.core.cases.departments.Extensions;
import org.civicline.core.cases.followup.Evaluations;
import org.civicline.core.cases.followup.FollowUpStarter;
import org.civicline.core.cases.followup.Surveys;
import org.civicline.core.cases.log.CaseChanges;
import org.civicline.core.cases.merge.Merges;
import org.civicline.core.cases.merge.SimilarCases;
import org.civicline.core.cases.notices.Notices;
import org.civicline.core.cases.progress.ResidentProgress;
import org.civicline.core.cases.reports.CaseReport;
import org.civicline.core.cases.verification.Verification;
import org.civicline.core.knowledge.KnowledgeBase;
import org.civicline.core.model.Category;
import org.civicline.core.reference.ReferenceData;
import org.civicline.core.store.DueTimer;
import org.civicline.core.store.Stores;
import org.civicline.core.workflow.Case;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Case handling to the end, wired once per node: every service, and what each timer kind does when it fires. */
public final class CaseHandling {
    private static final Logger LOG = LoggerFactory.getLogger(CaseHandling.class);

    public final CasesConfig config;
    public final DepartmentDirectory departments;
    public final CaseChanges changes;
    public final TimerPlanner planner;
    public final DepartmentWork work;
    public final Extensions extensions;
    public final Supervision supervision;
    public final Verification verification;
    public final Evaluations evaluations;
    public final Surveys surveys;
    public final FollowUpStarter followUps;
    public final SimilarCases similar;
    public final Merges merges;
    public final ResolvedOnContact resolvedOnContact;
    public final ResidentProgress progress;
    public final CaseReport reports;
    public final CaseScan scan;
    public final KnowledgeBase knowledge;
    public final Stores stores;
    public final ZoneId zone;
    public final Clock clock;
    private final DeadlineWatch watch;
    private final StepWatch steps;

    public CaseHandling(Vertx vertx, Stores stores, ReferenceData reference, DepartmentDirectory departments,
                        CasesConfig config, Clock clock, String publicUrl) {
        this.config = config;
        this.departments = departments;
        this.stores = stores;
        this.clock = clock;
        this.zone = reference.calendar().zone();
        Function<String, Optional<Category>> categories = reference.categories()::category;
        CaseService service = new CaseService(stores.cases(), stores.citizens(), categories, reference.policy(), clock);
        Notices notices = new Notices(vertx);
        this.scan = new CaseScan(stores.cases(), config.scanLimit());
        this.planner = new TimerPlanner(vertx, stores.timers(), new ReminderTime(reference.calendar(),
                config.reminderShare()), categories, Duration.ofMinutes(config.followUp().delayMinutes()),
                reference.calendar(), config.stepLimits());
        this.changes = new CaseChanges(vertx, service, stores.cases(), clock, this::afterChange);
        this.work = new DepartmentWork(changes, departments, stores.reference(), clock);
        this.extensions = new Extensions(work, changes, reference.calendar());
        this.supervision = new Supervision(scan, reference.calendar(), clock);
        this.watch = new DeadlineWatch(changes, departments, notices, clock, zone, config.reminderShare());
        this.steps = new StepWatch(changes, departments, notices);
        this.verification = new Verification(changes);
        this.evaluations = new Evaluations(changes, config.followUp().reopenAtOrBelow());
        this.surveys = new Surveys(stores.reference(), evaluations, clock);
        this.followUps = new FollowUpStarter(vertx, changes, stores.citizens(), stores.contacts(), stores.reference(),
                notices, config, clock, publicUrl);
        this.similar = new SimilarCases(scan, config.duplicates().distanceMeters(), config.duplicates().windowHours());
        this.merges = new Merges(changes, stores.citizens(), notices);
        this.knowledge = new KnowledgeBase(vertx, stores.reference(), clock, zone);
        this.resolvedOnContact = new ResolvedOnContact(changes, id -> knowledge.get(id).map(found -> found.map(
                a -> new ResolvedOnContact.KnownAnswer(a.id(), a.title(), a.body()))));
        this.progress = new ResidentProgress(stores.citizens(), changes::get, work, zone);
        this.reports = new CaseReport(code -> reference.categories().category(code).map(Category::name).orElse(code));
    }

    /** What each kind of due timer does. */
    public Map<String, Function<DueTimer, Future<Void>>> timerActions() {
        return Map.of(TimerKind.REMINDER.name(), watch::fire, TimerKind.OVERDUE.name(), watch::fire,
                TimerKind.ACCEPT.name(), steps::fire, TimerKind.VERIFICATION.name(), steps::fire,
                TimerKind.FOLLOW_UP.name(), followUps::fire);
    }

    /** Timers first (the change is acknowledged only when they are stored), then news for merged residents. */
    private Future<Void> afterChange(Case c) {
        return planner.plan(c).compose(v -> merges.tellMergedResidents(c).recover(e -> {
            LOG.warn("telling the residents of cases merged into {} failed", c.number(), e);
            return Future.succeededFuture();
        }));
    }
}
