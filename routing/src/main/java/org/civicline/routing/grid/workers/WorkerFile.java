package org.civicline.routing.grid.workers;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.civicline.core.json.Jsons;

/** {@code {"workers": [ … ]}}: the grid workers and supervisors of the district. */
public record WorkerFile(List<WorkerEntry> workers) {

    public WorkerFile {
        workers = workers == null ? List.of() : List.copyOf(workers);
    }

    public static WorkerFile parse(byte[] json) {
        try {
            WorkerFile file = Jsons.mapper().readValue(json, WorkerFile.class);
            List<String> problems = file.problems();
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
            return file;
        } catch (IOException e) {
            throw new IllegalArgumentException("workers file: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < workers.size(); i++) {
            WorkerEntry w = workers.get(i);
            if (w.id() == null || !w.id().matches("[A-Za-z0-9_.-]{1,40}")) {
                problems.add("workers[" + i + "].id: expected 1 to 40 letters, digits, '-', '_' or '.'");
            } else if (!ids.add(w.id())) {
                problems.add("workers[" + i + "].id: '" + w.id() + "' is listed twice");
            }
        }
        return problems;
    }
}
