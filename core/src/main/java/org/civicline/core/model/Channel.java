package org.civicline.core.model;

/**
 * Every way a resident reaches the city. A closed family: routing, statistics and the UI switch on it exhaustively.
 */
public enum Channel {
    HOTLINE_12345(Medium.VOICE, "12345 政务服务便民热线"),
    HOTLINE_8890(Medium.VOICE, "8890 便民服务热线"),
    ELDER_12349(Medium.VOICE, "12349 养老服务热线"),
    ONE_TOUCH(Medium.VOICE, "一键通"),
    WECHAT(Medium.CHAT, "微信公众号"),
    APP(Medium.LETTER, "随手拍"),
    MAILBOX(Medium.LETTER, "书记区长信箱"),
    SMS(Medium.SMS, "短信"),
    OPEN311(Medium.LETTER, "Open311");

    /** How the contact occupies an agent: a call holds the line, a chat shares attention, a letter waits. */
    public enum Medium { VOICE, CHAT, SMS, LETTER }

    private final Medium medium;
    private final String label;

    Channel(Medium medium, String label) {
        this.medium = medium;
        this.label = label;
    }

    public Medium medium() {
        return medium;
    }

    public String label() {
        return label;
    }

    public boolean isVoice() {
        return medium == Medium.VOICE;
    }
}
