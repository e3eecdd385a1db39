package org.civicline.routing.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * The benchmarks' operations timed by the thread's CPU time instead of the wall clock: decisions per CPU-second. On
 * a shared machine whose cores are busy with other work, JMH's wall-clock throughput shows the share of a core the
 * benchmark got; this shows what one core does. Use JMH on a quiet machine; use this to cross-check on a busy one.
 *
 * <pre>
 * ./mvnw -q -pl routing test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *     -Dexec.args="-Xms2g -Xmx2g -cp %classpath org.civicline.routing.bench.DecisionCpuTime"
 * </pre>
 */
public final class DecisionCpuTime {
    private static final int OPERATIONS = 300_000;
    private static final int ROUNDS = 8;
    private static final int WARMUP_ROUNDS = 3;

    private DecisionCpuTime() {
    }

    public static void main(String[] args) {
        RoutingDecisionBenchmark benchmark = new RoutingDecisionBenchmark();
        RoutingDecisionBenchmark.BusyFloor busy = new RoutingDecisionBenchmark.BusyFloor();
        busy.fill();
        measure("agentFreedPicksAContact", () -> benchmark.agentFreedPicksAContact(busy));
        for (int idle : new int[] {200, 1000}) {
            RoutingDecisionBenchmark.IdleSpecialists floor = new RoutingDecisionBenchmark.IdleSpecialists();
            floor.idleAgents = idle;
            floor.fill();
            measure("contactArrivesWhileAgentsAreIdle (idleAgents=" + idle + ")",
                    () -> benchmark.contactArrivesWhileAgentsAreIdle(floor));
        }
    }

    private static void measure(String name, IntSupplier operation) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = 0;
        long wall = 0;
        long sink = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            for (int i = 0; i < OPERATIONS; i++) {
                sink += operation.getAsInt();
            }
            if (round >= WARMUP_ROUNDS) {
                cpu += threads.getCurrentThreadCpuTime() - cpu0;
                wall += System.nanoTime() - wall0;
            }
        }
        long measured = (long) OPERATIONS * (ROUNDS - WARMUP_ROUNDS);
        System.out.printf(Locale.ROOT, "%-55s %,10.0f decisions per CPU-second  (%,10.0f per wall-second)%s%n", name,
                measured * 1e9 / cpu, measured * 1e9 / wall, sink == 42 ? " " : "");
    }
}
