package org.civicline.core.routing;

/** An agent's presence as the router sees it. */
public enum Presence {
    OFFLINE("离线"),
    AVAILABLE("就绪"),
    /** A chosen pause, with a reason (meal, training, meeting …). */
    BREAK("小休"),
    /** Set by the router: the agent let offers time out; needs to go ready again by hand. */
    AWAY("离开"),
    /** Holding as many contacts as the capacity allows on every medium it could take. */
    BUSY("忙碌"),
    /** After a contact, for the configured time, then available again. */
    WRAP_UP("话后处理");

    private final String chinese;

    Presence(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }
}
