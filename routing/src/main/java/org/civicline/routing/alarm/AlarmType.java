package org.civicline.routing.alarm;

/** What a device reports. SOS, a fall and a call from the device are alarms; the rest are care tasks. */
public enum AlarmType {
    SOS("紧急呼救"),
    FALL("跌倒"),
    CALL("一键通来电"),
    LOW_BATTERY("电量低"),
    HEARTBEAT_MISSING("心跳缺失");

    private final String chinese;

    AlarmType(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }

    /** Someone may be in danger: an agent at once, a worker at the door, the family told. */
    public boolean emergency() {
        return this == SOS || this == FALL || this == CALL;
    }
}
