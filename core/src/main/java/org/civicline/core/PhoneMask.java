package org.civicline.core;

import java.util.regex.Pattern;

/** Hides the middle of phone numbers in anything written to logs: 13800138000 → 138****8000. */
public final class PhoneMask {
    // Mainland mobile numbers, optionally with +86, not part of a longer digit run (ids, timestamps).
    private static final Pattern MOBILE = Pattern.compile("(?<![0-9])((?:\\+?86)?1[3-9][0-9])[0-9]{4}([0-9]{4})(?![0-9])");

    private PhoneMask() {
    }

    public static String mask(String text) {
        if (text == null || text.length() < 11) {
            return text;
        }
        return MOBILE.matcher(text).replaceAll("$1****$2");
    }
}
