package org.civicline.agentui.auth;

/** Who a signed-in person is on the floor; every API route names the roles it admits. */
public enum Role {
    AGENT("话务员"),
    SUPERVISOR("值班长"),
    GRID_WORKER("网格员"),
    DEPARTMENT("承办单位"),
    ADMIN("管理员");

    private final String chinese;

    Role(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }
}
