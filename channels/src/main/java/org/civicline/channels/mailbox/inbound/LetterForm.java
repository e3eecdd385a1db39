package org.civicline.channels.mailbox.inbound;

import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.civicline.core.reference.CategoryCatalog;

/** The mailbox form, read and checked; each problem names the field in Chinese and by its form name. */
public record LetterForm(String name, String phone, String idLast4, String subject, String letter, String category,
                         boolean publishable, String formToken) {

    static final int MAX_NAME = 30;
    static final int MAX_SUBJECT = 60;
    static final int MAX_LETTER = 3000;
    /** The hidden field people never see; bots fill in every field they find. */
    public static final String HONEYPOT = "website";

    public record Problem(String field, String message) {
    }

    public record Reading(LetterForm form, List<Problem> problems) {
    }

    public static Reading read(MultiMap params, CategoryCatalog categories) {
        List<Problem> problems = new ArrayList<>();
        String name = required(params, "name", "姓名", MAX_NAME, problems);
        String phone = value(params, "phone");
        if (phone == null) {
            problems.add(new Problem("phone", "联系电话（phone）不能为空"));
        } else {
            phone = phone.replace(" ", "").replace("-", "");
            if (!phone.matches("1[3-9]\\d{9}|0\\d{9,11}|\\d{7,8}")) {
                problems.add(new Problem("phone", "联系电话（phone）应为手机号或固定电话号码"));
            }
        }
        String idLast4 = value(params, "idLast4");
        if (idLast4 != null && !idLast4.matches("\\d{3}[\\dXx]")) {
            problems.add(new Problem("idLast4", "身份证后四位（idLast4）应为 4 位数字，最后一位可为 X"));
        }
        String subject = required(params, "subject", "主题", MAX_SUBJECT, problems);
        String letter = required(params, "letter", "信件内容", MAX_LETTER, problems);
        if (letter != null && letter.strip().length() < 10) {
            problems.add(new Problem("letter", "信件内容（letter）请至少写 10 个字，说明事情经过和诉求"));
        }
        String category = value(params, "category");
        if (category != null && categories.category(category).isEmpty()) {
            problems.add(new Problem("category", "问题分类（category）不在可选范围内"));
        }
        String publish = value(params, "publish");
        if (publish != null && !publish.equals("yes") && !publish.equals("no")) {
            problems.add(new Problem("publish", "是否同意公开（publish）应为 yes 或 no"));
        }
        String token = value(params, "formToken");
        if (token != null && !token.matches("[A-Za-z0-9_-]{8,64}")) {
            token = null;
        }
        LetterForm form = new LetterForm(name, phone, idLast4 == null ? null : idLast4.toUpperCase(), subject, letter,
                category, "yes".equals(publish), token);
        return new Reading(problems.isEmpty() ? form : null, List.copyOf(problems));
    }

    /** The case description: subject and letter, and whether the writer allows publication. */
    public String description() {
        return "【来信主题】" + subject + "\n" + letter + "\n【是否同意公开】" + (publishable ? "同意" : "不同意");
    }

    /** What decides the letter, for recognising a resubmission that carries no form token. */
    public String fingerprint() {
        Map<String, String> sorted = new TreeMap<>();
        sorted.put("phone", phone);
        sorted.put("subject", subject);
        sorted.put("letter", letter);
        return sorted.toString();
    }

    private static String required(MultiMap params, String field, String label, int max, List<Problem> problems) {
        String v = value(params, field);
        if (v == null) {
            problems.add(new Problem(field, label + "（" + field + "）不能为空"));
            return null;
        }
        if (v.length() > max) {
            problems.add(new Problem(field, label + "（" + field + "）不能超过 " + max + " 字，现为 " + v.length() + " 字"));
            return null;
        }
        return v;
    }

    private static String value(MultiMap params, String name) {
        String v = params.get(name);
        if (v == null) {
            return null;
        }
        v = v.strip();
        return v.isEmpty() ? null : v;
    }
}
