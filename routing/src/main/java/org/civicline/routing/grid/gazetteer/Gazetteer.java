package org.civicline.routing.grid.gazetteer;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civicline.core.json.Jsons;

/**
 * Places an address without coordinates: the most specific name found in it wins — a building or residential
 * compound, then a road with its house number. A community or street name alone covers many grids and is not a
 * place; such addresses stay unresolved and go to an agent to place on the map.
 */
public final class Gazetteer {
    private static final Pattern HOUSE_NUMBER = Pattern.compile("^(\\d{1,5})号");
    /** A house number being typed, 号 or not yet. */
    private static final Pattern LEADING_NUMBER = Pattern.compile("^(\\d{1,5})");

    private final List<Place> places;
    private final List<RoadRange> roads;
    private final List<String> areas;

    /** A building or compound name and its grid. */
    public record Place(String name, String grid) {
    }

    /** House numbers {@code from}..{@code to} of a road lie in {@code grid}. */
    public record RoadRange(String road, int from, int to, String grid) {
    }

    /** The file as written by tools/generate-grids.py. */
    public record File(List<String> communities, List<String> streets, List<Place> places, List<RoadRange> roads) {
    }

    /** The grid, or why there is none; {@code matched} is the name the answer rests on. */
    public record Resolution(String grid, String matched, String reason) {
        public boolean resolved() {
            return grid != null;
        }
    }

    public Gazetteer(File file) {
        // Longest names first, so "嘉锦苑3幢" is preferred over "嘉锦苑".
        this.places = file.places() == null ? List.of() : file.places().stream()
                .sorted(Comparator.comparingInt((Place p) -> -p.name().length())).toList();
        this.roads = file.roads() == null ? List.of() : file.roads().stream()
                .sorted(Comparator.comparingInt((RoadRange r) -> -r.road().length())).toList();
        this.areas = java.util.stream.Stream.concat(
                file.communities() == null ? java.util.stream.Stream.<String>empty() : file.communities().stream(),
                file.streets() == null ? java.util.stream.Stream.<String>empty() : file.streets().stream()).toList();
    }

    public static Gazetteer parse(byte[] json) {
        try {
            return new Gazetteer(Jsons.mapper().readValue(json, File.class));
        } catch (IOException e) {
            throw new IllegalArgumentException("gazetteer: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    public static Gazetteer empty() {
        return new Gazetteer(new File(List.of(), List.of(), List.of(), List.of()));
    }

    /** A name the gazetteer knows, offered while an address is typed; {@code text} is what to put in the field. */
    public record Suggestion(String text, String grid, String kind) {
    }

    /**
     * Places and roads whose name contains what was typed (ignoring spaces), names that begin with it first, then the
     * shorter; a road comes once per range of house numbers with its grid ("1–20号"), or only with the range of the
     * number typed after it ("文三路8").
     */
    public List<Suggestion> suggest(String typed, int limit) {
        String text = typed == null ? "" : normalise(typed);
        if (text.isEmpty()) {
            return List.of();
        }
        Comparator<Suggestion> order = Comparator.comparing((Suggestion s) -> !s.text().startsWith(text))
                .thenComparingInt(s -> s.text().length()).thenComparing(Suggestion::text);
        return java.util.stream.Stream.concat(
                        places.stream().filter(p -> p.name().contains(text))
                                .map(p -> new Suggestion(p.name(), p.grid(), "place")),
                        roads.stream().filter(r -> r.road().contains(text) || numberOn(text, r))
                                .map(r -> new Suggestion(r.road(), r.grid(), r.from() + "–" + r.to() + "号")))
                .sorted(order).limit(limit).toList();
    }

    /** The text is the road followed by a house number in the range. */
    private static boolean numberOn(String text, RoadRange range) {
        if (!text.startsWith(range.road())) {
            return false;
        }
        Matcher number = LEADING_NUMBER.matcher(text.substring(range.road().length()));
        if (!number.find()) {
            return false;
        }
        int n = Integer.parseInt(number.group(1));
        return n >= range.from() && n <= range.to();
    }

    public Resolution resolve(String address) {
        if (address == null || address.isBlank()) {
            return new Resolution(null, null, "no address");
        }
        String text = normalise(address);
        for (Place place : places) {
            if (text.contains(place.name())) {
                return new Resolution(place.grid(), place.name(), "building or compound");
            }
        }
        for (RoadRange range : roads) {
            int at = text.indexOf(range.road());
            while (at >= 0) {
                Matcher number = HOUSE_NUMBER.matcher(text.substring(at + range.road().length()));
                if (number.find()) {
                    int n = Integer.parseInt(number.group(1));
                    if (n >= range.from() && n <= range.to()) {
                        return new Resolution(range.grid(), range.road() + n + "号", "road and house number");
                    }
                }
                at = text.indexOf(range.road(), at + 1);
            }
        }
        for (String area : areas) {
            if (text.contains(area)) {
                return new Resolution(null, area, "'" + area + "' spans several grids; place it on the map");
            }
        }
        return new Resolution(null, null, "no known building, compound or road number; place it on the map");
    }

    /** Full-width digits to ASCII, no spaces: residents type addresses every which way. */
    static String normalise(String address) {
        StringBuilder out = new StringBuilder(address.length());
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c >= '０' && c <= '９') {
                c = (char) ('0' + (c - '０'));
            }
            if (!Character.isWhitespace(c) && c != '\u3000') {
                out.append(c);
            }
        }
        return out.toString();
    }
}
