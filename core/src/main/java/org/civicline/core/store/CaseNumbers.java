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

    /** By day, then by sequence as a number (sequences past 9999 are wider). */
    public static final java.util.Comparator<String> OLDEST_FIRST = (a, b) -> {
        int byDay = a.substring(0, 8).compareTo(b.substring(0, 8));
        return byDay != 0 ? byDay : Long.compare(Long.parseLong(a.substring(9)), Long.parseLong(b.substring(9)));
    };

    public static boolean isWellFormed(String number) {
        return number != null && FORMAT.matcher(number).matches();
    }
}
