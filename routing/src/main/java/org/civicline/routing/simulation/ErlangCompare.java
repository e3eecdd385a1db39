package org.civicline.routing.simulation;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the M/M/N floor on the real router and prints the simulated figures beside Erlang C's.
 *
 * <pre>
 * ./mvnw -q -pl routing compile exec:java -Dexec.mainClass=org.civicline.routing.simulation.ErlangCompare \
 *     -Dexec.args="--calls-per-interval 100 --interval-seconds 1800 --handle-seconds 180 --agents 14 \
 *                  --target-seconds 20 --contacts 1000000 --seed 42"
 * </pre>
 */
public final class ErlangCompare {

    /** The figures side by side. */
    public record Comparison(ErlangC model, double targetSeconds, SimulationReport simulated) {

        public String format() {
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT,
                    "M/M/N: %.1f calls per %.0f s, handle %.0f s, %d agents, target %.0f s, %d contacts%n",
                    model.callsPerInterval(), model.intervalSeconds(), model.handleSeconds(), model.agents(),
                    targetSeconds, simulated.tracks().size()));
            out.append(String.format(Locale.ROOT, "%-22s %12s %12s %10s%n", "", "simulated", "Erlang C", "diff"));
            out.append(String.format(Locale.ROOT, "%-22s %12s %12.2f%n", "load (Erlang)", "", model.load()));
            row(out, "P(wait)", simulated.probabilityOfWaiting(), model.probabilityOfWaiting(), "%.4f", 1);
            row(out, "service level (" + (int) targetSeconds + " s)", simulated.serviceLevel(targetSeconds),
                    model.serviceLevel(targetSeconds), "%.1f %%", 100);
            row(out, "ASA (s)", simulated.asaSeconds(), model.asaSeconds(), "%.2f", 1);
            row(out, "occupancy", simulated.occupancy(), model.occupancy(), "%.1f %%", 100);
            return out.toString();
        }

        private static void row(StringBuilder out, String name, double sim, double erlang, String format, double k) {
            out.append(String.format(Locale.ROOT, "%-22s %12s %12s %+9.1f%%%n", name,
                    String.format(Locale.ROOT, format, sim * k), String.format(Locale.ROOT, format, erlang * k),
                    100 * (sim - erlang) / erlang));
        }
    }

    private ErlangCompare() {
    }

    public static Comparison compare(ErlangC model, double targetSeconds, int contacts, long seed) {
        SimulationReport report = new Simulation(MmnScenario.of(model, contacts, seed)).run();
        return new Comparison(model, targetSeconds, report);
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        ErlangC model;
        double target;
        int contacts;
        long seed;
        try {
            Map<String, String> options = parse(args);
            if (options.containsKey("--help")) {
                out.println(USAGE);
                return;
            }
            model = new ErlangC(number(options, "--calls-per-interval", 100),
                    number(options, "--interval-seconds", 1800), number(options, "--handle-seconds", 180),
                    (int) number(options, "--agents", 14));
            target = number(options, "--target-seconds", 20);
            contacts = (int) number(options, "--contacts", 200_000);
            seed = (long) number(options, "--seed", 42);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        out.print(compare(model, target, contacts, seed).format());
    }

    static final String USAGE = "usage: ErlangCompare [--calls-per-interval 100] [--interval-seconds 1800] "
            + "[--handle-seconds 180] [--agents 14] [--target-seconds 20] [--contacts 200000] [--seed 42]";

    private static final List<String> KNOWN = List.of("--calls-per-interval", "--interval-seconds",
            "--handle-seconds", "--agents", "--target-seconds", "--contacts", "--seed");

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                options.put("--help", "");
                continue;
            }
            String name = arg;
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(arg + ": missing value");
            }
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown option " + name);
            }
            options.put(name, value);
        }
        return options;
    }

    private static double number(Map<String, String> options, String name, double fallback) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": expected a number, got '" + value + "'");
        }
    }
}
