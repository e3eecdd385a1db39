package org.civicline.routing.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;

/**
 * Bytes of heap per waiting contact: the router's whole state (queue maps, lanes, timers, the kept fields of the
 * contact) after 10,000 contacts queue on a floor of 2,000 busy agents, measured as the heap after a full GC before
 * and after. The contacts themselves are dropped by the caller, as the verticle does once queued.
 *
 * <pre>
 * ./mvnw -q -pl routing test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *     -Dexec.args="-Xmx1g -cp %classpath org.civicline.routing.bench.WaitingFootprint"
 * </pre>
 */
public final class WaitingFootprint {
    private WaitingFootprint() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        for (int round = 1; round <= rounds; round++) {
            BenchFloor floor = new BenchFloor();
            floor.freshNeeds = true;
            // Every agent busy first, so that what follows only queues.
            for (int i = 0; i < BenchFloor.AGENTS; i++) {
                floor.arrive(floor.randomSkill(0, BenchFloor.SKILLS));
            }
            for (int i = 0; i < BenchFloor.AGENTS; i++) {
                floor.addAgent(i, 0, BenchFloor.SKILLS);
            }
            floor.needOf.clear(); // the benchmark's own bookkeeping, not the router's
            long before = usedAfterGc();
            for (int i = 0; i < BenchFloor.WAITING; i++) {
                floor.arrive(floor.randomSkill(0, BenchFloor.SKILLS));
            }
            floor.needOf.clear();
            long after = usedAfterGc();
            if (floor.router.waitingCount() != BenchFloor.WAITING) {
                throw new IllegalStateException("expected 10,000 waiting, got " + floor.router.waitingCount());
            }
            System.out.printf(Locale.ROOT, "round %d: %,d waiting contacts, %,d bytes, %.0f bytes per waiting contact%n",
                    round, floor.router.waitingCount(), after - before, (after - before) / (double) BenchFloor.WAITING);
            java.lang.ref.Reference.reachabilityFence(floor);
        }
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
