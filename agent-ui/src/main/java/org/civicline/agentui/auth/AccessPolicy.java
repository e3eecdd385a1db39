package org.civicline.agentui.auth;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which roles may use which API paths, first matching prefix wins. An {@code /api} path no rule names is for
 * administrators only: a new endpoint is closed until someone opens it here.
 */
public final class AccessPolicy {

    /** {@code roles} empty: public (the endpoint checks its own credentials, e.g. a device gateway key). */
    public record Rule(String prefix, Set<Role> roles) {
        boolean isPublic() {
            return roles.isEmpty();
        }
    }

    private static final Set<Role> STAFF = EnumSet.of(Role.AGENT, Role.SUPERVISOR, Role.ADMIN);
    private static final List<Rule> RULES = List.of(
            new Rule("/api/auth/login", Set.of()),
            new Rule("/api/auth/", EnumSet.allOf(Role.class)),
            new Rule("/api/devices/alarms", Set.of()),
            // The resident on the line (phone numbers, earlier contacts) and possible duplicates: personal data for
            // the floor only, agents and their supervisors.
            new Rule("/api/desk/residents/", EnumSet.of(Role.AGENT, Role.SUPERVISOR)),
            new Rule("/api/desk/similar-cases", EnumSet.of(Role.AGENT, Role.SUPERVISOR)),
            new Rule("/api/desk/", EnumSet.of(Role.AGENT)),
            new Rule("/api/supervisor/", EnumSet.of(Role.SUPERVISOR, Role.ADMIN)),
            new Rule("/api/routing/live", STAFF),
            new Rule("/api/routing/", EnumSet.of(Role.SUPERVISOR, Role.ADMIN)),
            new Rule("/api/cases", EnumSet.of(Role.AGENT, Role.SUPERVISOR, Role.DEPARTMENT, Role.GRID_WORKER,
                    Role.ADMIN)),
            new Rule("/api/categories", EnumSet.allOf(Role.class)),
            new Rule("/api/ui/", EnumSet.allOf(Role.class)),
            new Rule("/api/knowledge", STAFF),
            new Rule("/api/grid/", EnumSet.of(Role.GRID_WORKER, Role.AGENT, Role.SUPERVISOR, Role.ADMIN)),
            new Rule("/api/departments", EnumSet.of(Role.DEPARTMENT, Role.SUPERVISOR, Role.ADMIN)),
            // An agent answering an alarm reads the resident's profile, the open alarms and their timeline.
            new Rule("/api/devices/profile", STAFF),
            new Rule("/api/devices/open-alarms", STAFF),
            new Rule("/api/devices/timeline/", STAFF),
            new Rule("/api/devices/", EnumSet.of(Role.SUPERVISOR, Role.ADMIN)),
            new Rule("/api/reports", EnumSet.of(Role.SUPERVISOR, Role.ADMIN)));
    private static final Rule ADMIN_ONLY = new Rule("/api/", EnumSet.of(Role.ADMIN));

    private AccessPolicy() {
    }

    public static Rule ruleFor(String path) {
        Optional<Rule> rule = RULES.stream().filter(r -> path.startsWith(r.prefix())).findFirst();
        return rule.orElse(ADMIN_ONLY);
    }

    public static List<Rule> rules() {
        return RULES;
    }
}
