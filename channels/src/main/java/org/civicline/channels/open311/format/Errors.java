package org.civicline.channels.open311.format;

import java.util.List;

/** GeoReport errors: one code for the answer, one description per problem, each naming its field. */
public record Errors(int status, List<String> descriptions) {

    public static Errors of(int status, String description) {
        return new Errors(status, List.of(description));
    }

    public Doc toDoc() {
        return new Doc.Arr("errors", "error", descriptions.stream()
                .map(d -> new Doc.Obj("error").put("code", status).put("description", d)).toList());
    }
}
