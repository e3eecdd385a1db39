package org.civicline.agentui.auth;

/**
 * A person who signs in.
 *
 * @param agentId      the routing agent id, for AGENT
 * @param workerId     the grid worker id, for GRID_WORKER
 * @param department   the department name, for DEPARTMENT
 * @param passwordHash {@link PasswordHasher} format; never sent to a browser
 * @param extension    the phone a SUPERVISOR listens in on (e.g. "9001" or "PJSIP/9001"), optional
 */
public record User(String username, String name, Role role, String agentId, String workerId, String department,
                   String passwordHash, String extension) {

    /** What a browser may see of the user. */
    public record View(String username, String name, Role role, String roleName, String agentId, String workerId,
                       String department, String extension) {
    }

    public View view() {
        return new View(username, name, role, role.chinese(), agentId, workerId, department, extension);
    }
}
