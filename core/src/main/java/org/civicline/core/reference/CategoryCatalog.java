package org.civicline.core.reference;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.civicline.core.model.Category;
import org.civicline.core.time.TimeLimit;

/**
 * The two-level case taxonomy (诉求分类), loaded from {@code reference/categories.yaml}.
 *
 * <p>Main categories have two-digit codes ({@code 01}), sub-categories four-digit codes that start with their main
 * category's ({@code 0103}). A sub-category that leaves out its time limit or department inherits its main
 * category's; the {@link Category} values handed out here carry the resolved ones. Every sub-category has a time
 * limit and a department, or the catalog does not load.
 */
public final class CategoryCatalog {

    /** The shape of categories.yaml. */
    public record File(List<MainSpec> categories) {
    }

    /** A main category as written in the file. */
    public record MainSpec(String code, String name, String nameEn, TimeLimitSpec limit, String department,
                           List<String> keywords, List<SubSpec> subcategories) {
    }

    /** A sub-category as written in the file; a null limit or department is inherited from the main category. */
    public record SubSpec(String code, String name, String nameEn, TimeLimitSpec limit, String department,
                          List<String> keywords) {
    }

    /** A category with what the agent-facing side needs besides the {@link Category} itself. */
    public record Entry(Category category, String nameEn, List<String> keywords) {
        public Entry {
            Objects.requireNonNull(category, "category");
            keywords = List.copyOf(keywords);
        }

        public String code() {
            return category.code();
        }

        public String name() {
            return category.name();
        }
    }

    private static final Pattern MAIN_CODE = Pattern.compile("\\d{2}");
    private static final Pattern SUB_CODE = Pattern.compile("\\d{4}");
    private static final Pattern INITIALS_QUERY = Pattern.compile("[a-z]{1,12}");

    private final Map<String, Entry> byCode;
    private final List<Category> mains;
    private final Map<String, List<Category>> subsByMain;
    private final Map<String, List<String>> initialsByCode;

    private CategoryCatalog(List<Entry> entries) {
        Map<String, Entry> codes = new LinkedHashMap<>();
        Map<String, List<String>> initials = new LinkedHashMap<>();
        List<Category> mainList = new ArrayList<>();
        Map<String, List<Category>> subs = new LinkedHashMap<>();
        for (Entry entry : entries) {
            codes.put(entry.code(), entry);
            initials.put(entry.code(), PinyinInitials.of(entry.name()));
            Category category = entry.category();
            if (category.isMain()) {
                mainList.add(category);
                subs.putIfAbsent(category.code(), new ArrayList<>());
            } else {
                subs.computeIfAbsent(category.parentCode(), k -> new ArrayList<>()).add(category);
            }
        }
        subs.replaceAll((k, v) -> List.copyOf(v));
        this.byCode = Collections.unmodifiableMap(codes);
        this.mains = List.copyOf(mainList);
        this.subsByMain = Collections.unmodifiableMap(subs);
        this.initialsByCode = Collections.unmodifiableMap(initials);
    }

    /** Loads and checks {@code file} (normally {@code <config>/reference/categories.yaml}). */
    public static CategoryCatalog load(Path file) {
        return parse(YamlFiles.readText(file), file.toString());
    }

    /** Parses and checks a categories document; {@code source} names it in error messages. */
    public static CategoryCatalog parse(String yaml, String source) {
        return fromFile(YamlFiles.parse(yaml, source, File.class), source);
    }

    /** Checks {@code file} and builds the catalog; every problem found is reported together. */
    public static CategoryCatalog fromFile(File file, String source) {
        List<String> problems = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        Map<String, String> seen = new LinkedHashMap<>();
        if (file.categories() == null || file.categories().isEmpty()) {
            problems.add("no categories: the file needs a 'categories:' list of main categories");
        } else {
            for (int i = 0; i < file.categories().size(); i++) {
                MainSpec main = file.categories().get(i);
                if (main == null) {
                    problems.add("main category #" + (i + 1) + " is empty");
                    continue;
                }
                readMain(main, i, entries, seen, problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new ReferenceDataException(source, problems);
        }
        return new CategoryCatalog(entries);
    }

    private static void readMain(MainSpec main, int index, List<Entry> entries, Map<String, String> seen,
                                 List<String> problems) {
        String label = label("main category", main.code(), main.name(), index);
        String code = trimmed(main.code());
        boolean codeOk = false;
        if (code == null) {
            problems.add(label + ": code is missing (two digits, e.g. \"01\")");
        } else if (!MAIN_CODE.matcher(code).matches()) {
            problems.add(label + ": code '" + code + "' must be two digits, e.g. \"01\" (quote it to keep the leading zero)");
        } else {
            codeOk = claim(code, label, seen, problems);
        }
        String name = trimmed(main.name());
        if (name == null) {
            problems.add(label + ": name (Chinese name) is missing");
        }
        TimeLimit limit = main.limit() == null ? null : main.limit().toTimeLimit(label + ": limit", problems);
        String department = trimmed(main.department());
        if (codeOk && name != null) {
            entries.add(new Entry(new Category(code, name, null, limit, department), trimmed(main.nameEn()),
                    keywords(main.keywords())));
        }
        List<SubSpec> subs = main.subcategories() == null ? List.of() : main.subcategories();
        for (int j = 0; j < subs.size(); j++) {
            SubSpec sub = subs.get(j);
            if (sub == null) {
                problems.add(label + ": sub-category #" + (j + 1) + " is empty");
                continue;
            }
            readSub(sub, j, code, codeOk, label, limit, main.limit() != null, department, entries, seen, problems);
        }
    }

    private static void readSub(SubSpec sub, int index, String mainCode, boolean mainCodeOk, String mainLabel,
                                TimeLimit mainLimit, boolean mainHasLimitSpec, String mainDepartment,
                                List<Entry> entries, Map<String, String> seen, List<String> problems) {
        String label = label("sub-category", sub.code(), sub.name(), index) + " under " + mainLabel;
        String code = trimmed(sub.code());
        boolean codeOk = false;
        if (code == null) {
            problems.add(label + ": code is missing (four digits starting with the main category's code, e.g. \""
                    + (mainCodeOk ? mainCode : "01") + "01\")");
        } else if (!SUB_CODE.matcher(code).matches()) {
            problems.add(label + ": code '" + code + "' must be four digits, e.g. \"" + (mainCodeOk ? mainCode : "01")
                    + "01\" (quote it to keep the leading zero)");
        } else if (mainCodeOk && !code.startsWith(mainCode)) {
            problems.add(label + ": code '" + code + "' must start with its main category's code '" + mainCode + "'");
        } else {
            codeOk = claim(code, label, seen, problems);
        }
        String name = trimmed(sub.name());
        if (name == null) {
            problems.add(label + ": name (Chinese name) is missing");
        }
        TimeLimit limit;
        if (sub.limit() != null) {
            limit = sub.limit().toTimeLimit(label + ": limit", problems);
        } else {
            limit = mainLimit;
            // A main limit that is itself wrong has been reported already; only a truly absent one is news here.
            if (limit == null && !mainHasLimitSpec) {
                problems.add(label + ": no time limit: give it a 'limit' or give its main category one to inherit");
            }
        }
        String department = trimmed(sub.department());
        if (department == null) {
            department = mainDepartment;
            if (department == null) {
                problems.add(label + ": no department: give it a 'department' or give its main category one to inherit");
            }
        }
        if (codeOk && mainCodeOk && name != null) {
            entries.add(new Entry(new Category(code, name, mainCode, limit, department), trimmed(sub.nameEn()),
                    keywords(sub.keywords())));
        }
    }

    /** Records {@code code} as taken by {@code label}; false (and a problem) when it was taken already. */
    private static boolean claim(String code, String label, Map<String, String> seen, List<String> problems) {
        String first = seen.putIfAbsent(code, label);
        if (first != null) {
            problems.add(label + ": duplicate code '" + code + "', already used by " + first);
            return false;
        }
        return true;
    }

    private static String label(String kind, String code, String name, int index) {
        String c = trimmed(code);
        String n = trimmed(name);
        StringBuilder text = new StringBuilder(kind).append(' ');
        text.append(c != null ? c : "#" + (index + 1));
        if (n != null) {
            text.append(" (").append(n).append(')');
        }
        return text.toString();
    }

    private static String trimmed(String value) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        return stripped.isEmpty() ? null : stripped;
    }

    private static List<String> keywords(List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        return raw.stream().map(CategoryCatalog::trimmed).filter(Objects::nonNull).distinct().toList();
    }

    /** The category with {@code code}, main or sub. */
    public Optional<Category> category(String code) {
        return entry(code).map(Entry::category);
    }

    /** The category with {@code code} with its English name and keywords. */
    public Optional<Entry> entry(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(byCode.get(code.strip()));
    }

    /** The category with {@code code}; an {@link IllegalArgumentException} naming the code when there is none. */
    public Category require(String code) {
        return category(code).orElseThrow(() -> new IllegalArgumentException("no category with code '" + code + "'"));
    }

    /** The main categories, in file order. */
    public List<Category> mains() {
        return mains;
    }

    /** The sub-categories of main category {@code mainCode}, in file order; empty for an unknown code. */
    public List<Category> subsOf(String mainCode) {
        return mainCode == null ? List.of() : subsByMain.getOrDefault(mainCode.strip(), List.of());
    }

    /** Every sub-category, in file order. */
    public List<Category> subs() {
        return byCode.values().stream().map(Entry::category).filter(c -> !c.isMain()).toList();
    }

    /** Every category, each main category followed by its subs, in file order. */
    public List<Entry> entries() {
        return List.copyOf(byCode.values());
    }

    /** The pinyin initials of the category's Chinese name (路灯照明 → ldzm), every reading; empty when unknown. */
    public List<String> initialsOf(String code) {
        return code == null ? List.of() : initialsByCode.getOrDefault(code.strip(), List.of());
    }

    public int size() {
        return byCode.size();
    }

    /**
     * Categories matching what an agent typed: the exact code, a substring of the Chinese name or of a keyword, a
     * substring of the English name (any case), or text that contains a name or keyword ("楼上噪音扰民" finds the
     * categories with keyword 扰民), or Latin letters that begin or occur in the pinyin initials of the name ("ld"
     * finds 路灯照明, ldzm). Best matches first; sub-categories before main categories on equal terms, then
     * file order. Empty for a blank query.
     */
    public List<Entry> search(String query) {
        if (query == null || query.isBlank()) {
            return List.of();
        }
        String q = query.strip();
        String lower = q.toLowerCase(Locale.ROOT);
        record Hit(Entry entry, int score, int order) {
        }
        List<Hit> hits = new ArrayList<>();
        int order = 0;
        for (Entry entry : byCode.values()) {
            int score = score(entry, q, lower, initialsByCode.get(entry.code()));
            if (score < Integer.MAX_VALUE) {
                hits.add(new Hit(entry, score, order));
            }
            order++;
        }
        hits.sort(Comparator.comparingInt(Hit::score)
                .thenComparing(h -> h.entry().category().isMain())
                .thenComparingInt(Hit::order));
        return hits.stream().map(Hit::entry).toList();
    }

    /** Lower is better; {@link Integer#MAX_VALUE} for no match. */
    private static int score(Entry entry, String q, String lower, List<String> initials) {
        String name = entry.name();
        if (entry.code().equals(q) || name.equals(q)) {
            return 0;
        }
        if (name.contains(q)) {
            return 1;
        }
        if (entry.keywords().contains(q)) {
            return 2;
        }
        if (entry.keywords().stream().anyMatch(k -> k.contains(q))) {
            return 3;
        }
        boolean spelled = INITIALS_QUERY.matcher(lower).matches();
        // Initials before English: "ld" is 路灯 (ldzm) rather than "e-ld-erly".
        if (spelled && initials.stream().anyMatch(i -> i.startsWith(lower))) {
            return 4;
        }
        if (entry.nameEn() != null && entry.nameEn().toLowerCase(Locale.ROOT).contains(lower)) {
            return 5;
        }
        if (q.contains(name) || entry.keywords().stream().anyMatch(k -> k.length() >= 2 && q.contains(k))) {
            return 6;
        }
        if (spelled && initials.stream().anyMatch(i -> i.contains(lower))) {
            return 7;
        }
        return Integer.MAX_VALUE;
    }
}
