package org.civicline.core.knowledge;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Search terms of a text with no word spaces: Chinese runs become overlapping character pairs (bigrams, or the
 * single character of a one-character run), Latin letters and digits become whole lower-case words. "井盖丢了"
 * gives 井盖, 盖丢, 丢了; a query's bigrams then match inside any longer phrase without a dictionary.
 */
public final class Ngrams {
    private Ngrams() {
    }

    public static Set<String> of(String text) {
        Set<String> grams = new LinkedHashSet<>();
        if (text == null) {
            return grams;
        }
        // NFKC folds full-width letters and digits (ＡＢＣ１２３) into their ASCII forms.
        String normal = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder han = new StringBuilder();
        StringBuilder word = new StringBuilder();
        normal.codePoints().forEach(cp -> {
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                flushWord(word, grams);
                han.appendCodePoint(cp);
            } else if (Character.isLetterOrDigit(cp)) {
                flushHan(han, grams);
                word.appendCodePoint(cp);
            } else {
                flushHan(han, grams);
                flushWord(word, grams);
            }
        });
        flushHan(han, grams);
        flushWord(word, grams);
        return grams;
    }

    private static void flushHan(StringBuilder run, Set<String> grams) {
        int[] cps = run.codePoints().toArray();
        if (cps.length == 1) {
            grams.add(new String(cps, 0, 1));
        }
        for (int i = 0; i + 1 < cps.length; i++) {
            grams.add(new String(cps, i, 2));
        }
        run.setLength(0);
    }

    private static void flushWord(StringBuilder run, Set<String> grams) {
        if (!run.isEmpty()) {
            grams.add(run.toString());
            run.setLength(0);
        }
    }
}
