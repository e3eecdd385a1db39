package org.civicline.server.load;

import java.util.Locale;

/** The ways the load tool reaches a deployment, as named on the command line ({@code --mix app=4,call=1}). */
public enum LoadChannel {
    /** The city app: Open311 POSTs with a city-app key (随手拍). */
    APP,
    /** A third-party Open311 client: the same endpoint with another key. */
    OPEN311,
    /** WeChat text messages in safe mode (AES, msg_signature). */
    WECHAT,
    /** Letters to the leaders' mailbox. */
    MAILBOX,
    /** Calls placed in the sandbox PBX over AMI. */
    CALL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LoadChannel of(String label) {
        try {
            return valueOf(label.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new LoadOptions.BadOption("--mix: '" + label + "' is not a channel; use app, open311, wechat, "
                    + "mailbox or call");
        }
    }
}
