package org.civicline.core.store;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** The human-readable case number: day and a sequence of at least four digits, {@code 20261122-0001}. */
public final class CaseNumbers {
    public static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final java.util.regex.Pattern FORMAT = java.util.regex.Pattern.compile("\\d{8}-\\d{4,}");

    private CaseNumbers() {
    }

    public static String format(LocalDate day, long sequence) {
        return day.format(DAY) + "-" + String.format("%04d", sequence);
    }

    public static boolean isWellFormed(String number) {
        return number != null && FORMAT.matcher(number).matches();
    }
}
