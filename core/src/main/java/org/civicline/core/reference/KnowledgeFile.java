package org.civicline.core.reference;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The knowledge base's starting articles, {@code reference/knowledge.yaml}: answers agents give on the phone, each
 * linked to a category. Optional: without the file the knowledge base starts empty.
 */
public final class KnowledgeFile {
    /** Where the file lives, relative to the configuration directory. */
    public static final String FILE = "reference/knowledge.yaml";
    private static final Pattern ID = Pattern.compile("kb-[A-Za-z0-9-]{1,61}");

    /** The shape of knowledge.yaml. */
    public record Document(List<Entry> articles) {
    }

    /** One answer as written in the file. */
    public record Entry(String id, String title, String category, List<String> keywords, String body,
                        LocalDate validFrom, LocalDate validTo) {
        public Entry {
            keywords = keywords == null ? List.of() : List.copyOf(keywords);
        }
    }

    private KnowledgeFile() {
    }

    /** The entries of {@code configDir/reference/knowledge.yaml}, checked against the catalog; none without it. */
    public static List<Entry> load(Path configDir, CategoryCatalog categories) {
        Path file = configDir.resolve(FILE);
        if (!Files.exists(file)) {
            return List.of();
        }
        return parse(YamlFiles.readText(file), file.toString(), categories);
    }

    /** Parses and checks a knowledge document; every problem found is reported together. */
    public static List<Entry> parse(String yaml, String source, CategoryCatalog categories) {
        Document document = YamlFiles.parse(yaml, source, Document.class);
        List<String> problems = new ArrayList<>();
        List<Entry> entries = document.articles() == null ? List.of() : document.articles();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            String label = "article #" + (i + 1) + (e == null || e.id() == null ? "" : " (" + e.id() + ")");
            if (e == null) {
                problems.add(label + " is empty");
                continue;
            }
            if (e.id() == null || !ID.matcher(e.id()).matches()) {
                problems.add(label + ": id must be kb- followed by letters, digits or dashes, e.g. kb-shebaoka-buban");
            } else if (!ids.add(e.id())) {
                problems.add(label + ": duplicate id");
            }
            if (e.title() == null || e.title().isBlank()) {
                problems.add(label + ": title is missing");
            }
            if (e.body() == null || e.body().isBlank()) {
                problems.add(label + ": body (the answer) is missing");
            }
            if (e.category() != null && categories.category(e.category()).isEmpty()) {
                problems.add(label + ": category '" + e.category() + "' is not in categories.yaml");
            }
            if (e.validFrom() != null && e.validTo() != null && e.validTo().isBefore(e.validFrom())) {
                problems.add(label + ": validTo is before validFrom");
            }
        }
        if (!problems.isEmpty()) {
            throw new ReferenceDataException(source, problems);
        }
        return entries.stream().map(e -> new Entry(e.id(), e.title().strip(), e.category(), e.keywords(),
                unfolded(e.body()), e.validFrom(), e.validTo())).toList();
    }

    /** YAML folds a wrapped line into a space; between Chinese characters that space is not meant. */
    static String unfolded(String text) {
        return FOLD.matcher(text.strip()).replaceAll("");
    }

    private static final Pattern FOLD = Pattern.compile(
            "(?<=[\\p{IsHan}\\p{IsPunctuation}&&[^\\p{ASCII}]])\\s+(?=[\\p{IsHan}\\p{IsPunctuation}&&[^\\p{ASCII}]])");
}
