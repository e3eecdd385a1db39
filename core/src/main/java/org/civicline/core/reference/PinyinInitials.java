package org.civicline.core.reference;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.HanyuPinyinVCharType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;

/**
 * The pinyin initials of a Chinese name, as agents type them to find it: 路灯照明 → {@code ldzm}, 垃圾清运 → {@code ljqy}.
 * A character with several readings gives one spelling per reading (长 → z or c), the most common reading first,
 * up to {@link #MAX_SPELLINGS}; Latin letters and digits are kept as they are, anything else is left out.
 */
public final class PinyinInitials {
    static final int MAX_SPELLINGS = 8;
    private static final HanyuPinyinOutputFormat FORMAT = new HanyuPinyinOutputFormat();

    static {
        FORMAT.setToneType(HanyuPinyinToneType.WITHOUT_TONE);
        FORMAT.setCaseType(HanyuPinyinCaseType.LOWERCASE);
        FORMAT.setVCharType(HanyuPinyinVCharType.WITH_V);
    }

    private PinyinInitials() {
    }

    /** Every spelling of {@code text}'s initials, the usual one first; empty for a text with nothing to spell. */
    public static List<String> of(String text) {
        List<StringBuilder> spellings = new ArrayList<>(List.of(new StringBuilder()));
        if (text == null) {
            return List.of();
        }
        for (char c : text.toCharArray()) {
            Set<Character> initials = initialsOf(c);
            if (initials.isEmpty()) {
                continue;
            }
            List<StringBuilder> next = new ArrayList<>();
            for (StringBuilder spelling : spellings) {
                for (char initial : initials) {
                    if (next.size() < MAX_SPELLINGS) {
                        next.add(new StringBuilder(spelling).append(initial));
                    }
                }
            }
            spellings = next;
        }
        return spellings.stream().map(StringBuilder::toString).filter(s -> !s.isEmpty()).distinct().toList();
    }

    private static Set<Character> initialsOf(char c) {
        Set<Character> initials = new LinkedHashSet<>();
        if (c < 128) {
            if (Character.isLetterOrDigit(c)) {
                initials.add(Character.toLowerCase(c));
            }
            return initials;
        }
        String[] readings;
        try {
            readings = PinyinHelper.toHanyuPinyinStringArray(c, FORMAT);
        } catch (BadHanyuPinyinOutputFormatCombination e) {
            throw new IllegalStateException("pinyin output format rejected", e);
        }
        if (readings != null) {
            for (String reading : readings) {
                if (!reading.isEmpty()) {
                    initials.add(reading.toLowerCase(Locale.ROOT).charAt(0));
                }
            }
        }
        return initials;
    }
}
