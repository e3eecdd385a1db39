package org.civicline.routing.grid.map;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.civicline.routing.grid.workers.WorkerEntry;
import org.civicline.routing.grid.workers.WorkerFile;

/**
 * Validates a grid file before it is put in {@code config/grids/}: every cell on its own, overlaps, gaps, and (with a
 * workers file) that each cell's workers and supervisor exist. Prints one line per problem, named by grid code;
 * exit status 0 when the file is fit to load, 1 when not, 2 for wrong arguments.
 *
 * <pre>java … org.civicline.routing.grid.map.GridImportCommand grids.geojson [workers.json]</pre>
 */
public final class GridImportCommand {
    private GridImportCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    public static int run(String[] args, PrintStream out) {
        if (args.length < 1 || args.length > 2) {
            out.println("usage: GridImportCommand <grids.geojson> [workers.json]");
            return 2;
        }
        try {
            GeoJsonGrids.Parsed parsed = GeoJsonGrids.parse(Files.readAllBytes(Path.of(args[0])));
            List<GridProblem> problems = new ArrayList<>(parsed.problems());
            problems.addAll(GridValidator.validate(parsed.shapes()));
            if (args.length == 2) {
                problems.addAll(unknownWorkers(parsed.shapes(), WorkerFile.parse(Files.readAllBytes(Path.of(args[1])))));
            }
            problems.forEach(out::println);
            long communities = parsed.shapes().stream().map(s -> s.grid().community()).distinct().count();
            long streets = parsed.shapes().stream().map(s -> s.grid().street()).distinct().count();
            out.println((problems.isEmpty() ? "OK: " : problems.size() + " problem(s); ") + parsed.shapes().size()
                    + " valid grids in " + communities + " communities and " + streets + " streets");
            return problems.isEmpty() ? 0 : 1;
        } catch (IOException | IllegalArgumentException e) {
            out.println("cannot read: " + e.getMessage());
            return 1;
        }
    }

    static List<GridProblem> unknownWorkers(List<GridShape> shapes, WorkerFile workers) {
        Set<String> ids = workers.workers().stream().map(WorkerEntry::id).collect(Collectors.toSet());
        List<GridProblem> problems = new ArrayList<>();
        for (GridShape shape : shapes) {
            for (String worker : shape.grid().workerIds()) {
                if (!ids.contains(worker)) {
                    problems.add(new GridProblem(shape.code(), GridProblem.Kind.UNKNOWN_WORKER,
                            "workerIds: '" + worker + "' is not in the workers file"));
                }
            }
            String supervisor = shape.grid().supervisorId();
            if (supervisor != null && !ids.contains(supervisor)) {
                problems.add(new GridProblem(shape.code(), GridProblem.Kind.UNKNOWN_WORKER,
                        "supervisorId: '" + supervisor + "' is not in the workers file"));
            }
        }
        return problems;
    }
}
