package org.civicline.agentui.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

    @Test
    void anUnknownApiPathIsForAdministratorsOnly() {
        assertThat(AccessPolicy.ruleFor("/api/something-new").roles()).containsExactly(Role.ADMIN);
    }

    @Test
    void signInAndDeviceAlarmsArePublicBecauseTheyCheckTheirOwnCredentials() {
        assertThat(AccessPolicy.ruleFor("/api/auth/login").roles()).isEmpty();
        assertThat(AccessPolicy.ruleFor("/api/devices/alarms").roles()).isEmpty();
        assertThat(AccessPolicy.ruleFor("/api/devices/D001").roles()).doesNotContain(Role.AGENT);
    }

    @Test
    void theDeskIsForAgentsAndTheSupervisorActionsForSupervisors() {
        assertThat(AccessPolicy.ruleFor("/api/desk/presence").roles()).isEqualTo(Set.of(Role.AGENT));
        // Who is on the line, with their phone number: agents and supervisors, nobody else.
        assertThat(AccessPolicy.ruleFor("/api/desk/residents/c-1").roles())
                .containsExactlyInAnyOrder(Role.AGENT, Role.SUPERVISOR);
        assertThat(AccessPolicy.ruleFor("/api/desk/similar-cases").roles())
                .containsExactlyInAnyOrder(Role.AGENT, Role.SUPERVISOR);
        assertThat(AccessPolicy.ruleFor("/api/supervisor/agents/8001/away").roles())
                .containsExactlyInAnyOrder(Role.SUPERVISOR, Role.ADMIN);
    }
}
