package org.civicline.routing.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The routing decision on a big floor: 2,000 agents, 30 skills, 10,000 contacts waiting. One operation is one
 * decision with what it takes to make it happen (the finish or arrival that causes it, the accept that follows), so
 * operations per second are decisions per second.
 *
 * <pre>
 * ./mvnw -q -pl routing test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *     -Dexec.args="-cp %classpath org.openjdk.jmh.Main RoutingDecisionBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s"
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class RoutingDecisionBenchmark {

    /**
     * Every agent is on a call and 10,000 contacts wait, 333 per skill. An agent finishes, the router picks the best
     * contact among the lanes of their skills and offers it; the agent accepts; a new caller with the same need
     * arrives (no agent is free, so it just queues). The queue stays at 10,000.
     */
    @State(Scope.Thread)
    public static class BusyFloor {
        BenchFloor floor;
        int next;

        @Setup(Level.Trial)
        public void fill() {
            floor = new BenchFloor();
            for (int i = 0; i < BenchFloor.WAITING + BenchFloor.AGENTS; i++) {
                floor.arrive(floor.randomSkill(0, BenchFloor.SKILLS));
            }
            for (int i = 0; i < BenchFloor.AGENTS; i++) {
                floor.addAgent(i, 0, BenchFloor.SKILLS);
            }
            check(floor.holding.size() == BenchFloor.AGENTS, "every agent holds a call");
            check(floor.router.waitingCount() == BenchFloor.WAITING, "10,000 wait");
        }
    }

    /**
     * {@code idleAgents} agents (skills 0–14) are idle; the rest of the 2,000 (skills 15–29) are on calls with 10,000
     * contacts waiting for their skills. A caller needing one of skills 0–14 arrives: the router chooses among the
     * idle agents who have it (idleAgents × 3 / 15 of them; longest idle among the best skill level) and offers; the
     * agent accepts, and finishes (so is idle again for a later arrival).
     */
    @State(Scope.Thread)
    public static class IdleSpecialists {
        @Param({"200", "1000"})
        public int idleAgents;
        BenchFloor floor;

        @Setup(Level.Trial)
        public void fill() {
            floor = new BenchFloor();
            int busy = BenchFloor.AGENTS - idleAgents;
            for (int i = 0; i < BenchFloor.WAITING + busy; i++) {
                floor.arrive(floor.randomSkill(15, 15));
            }
            for (int i = 0; i < busy; i++) {
                floor.addAgent(i, 15, 15);
            }
            for (int i = busy; i < BenchFloor.AGENTS; i++) {
                floor.addAgent(i, 0, 15);
            }
            check(floor.holding.size() == busy, "the busy agents hold a call each");
            check(floor.router.waitingCount() == BenchFloor.WAITING, "10,000 wait");
        }
    }

    @Benchmark
    public int agentFreedPicksAContact(BusyFloor s) {
        BenchFloor floor = s.floor;
        String agent = floor.agentIds[s.next];
        s.next = (s.next + 1) % BenchFloor.AGENTS;
        String skill = floor.needOf.get(floor.holding.get(agent));
        floor.finish(agent);
        floor.arrive(skill);
        floor.tick();
        return floor.router.waitingCount();
    }

    @Benchmark
    public int contactArrivesWhileAgentsAreIdle(IdleSpecialists s) {
        BenchFloor floor = s.floor;
        String contact = floor.arrive(floor.randomSkill(0, 15));
        floor.finish(floor.holderOf.get(contact));
        floor.tick();
        return floor.router.waitingCount();
    }

    static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("benchmark set-up failed: " + what);
        }
    }
}
