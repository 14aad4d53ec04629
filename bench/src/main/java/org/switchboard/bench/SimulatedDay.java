package org.switchboard.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import org.switchboard.planning.EwtCheck;
import org.switchboard.planning.Simulator;

/**
 * One simulated day of a large center on the production routing engine: 1,000 agents, about 500,000 calls
 * (20,833 an hour, AHT 165 s: 955 Erlangs), 20 queues with two bullseye steps each (experts for 20 s, then
 * everyone with the skill), every agent skilled for two queues, callers with 120 s mean patience. Prints each run's
 * wall and CPU time, how the engine's estimated waits compared with the waits that followed, and the median wall
 * time; the first run includes JIT warm-up.
 *
 * <pre>
 * ./switchboard build &amp;&amp; mvn -q -pl bench -am package -DskipTests
 * java -cp bench/target/benchmarks.jar org.switchboard.bench.SimulatedDay [queues=20] [runs=5]
 * </pre>
 */
public final class SimulatedDay {

    private SimulatedDay() {}

    public static void main(String[] args) {
        int queues = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] wallMs = new long[runs];
        for (int run = 0; run < runs; run++) {
            var config = new Simulator.Config(1000, 500_000 / 24.0, 165, 20, 24, run + 1, 120.0, queues, 0);
            long startNs = System.nanoTime();
            long cpuNs = threads.getCurrentThreadCpuTime();
            Simulator.Result result = Simulator.run(config);
            wallMs[run] = (System.nanoTime() - startNs) / 1_000_000;
            System.out.printf(
                    "run %d: %,d calls, wall %,d ms, cpu %,d ms%n  %s%n  %s%n",
                    run + 1,
                    result.offered(),
                    wallMs[run],
                    (threads.getCurrentThreadCpuTime() - cpuNs) / 1_000_000,
                    ewtLine(result.ewt().all()),
                    result.toJson());
        }
        long[] sorted = wallMs.clone();
        Arrays.sort(sorted);
        System.out.printf("median wall time of %d runs: %,d ms%n", runs, sorted[runs / 2]);
    }

    /** The estimated wait against the waits that followed (docs/metrics.md, "Estimated wait time"). */
    private static String ewtLine(EwtCheck.Figures ewt) {
        return String.format(
                "EWT: %,d answered after a wait of %.2f s on average, told %.2f s (bias %+.1f %%), "
                        + "MARE %.3f (floor %.3f); %,d hung up after %.2f s, told %.2f s",
                ewt.contacts(),
                ewt.meanWaitSeconds(),
                ewt.meanEstimatedWaitSeconds(),
                100 * ewt.bias(),
                ewt.mare(),
                ewt.mareFloor(),
                ewt.abandoned().contacts(),
                ewt.abandoned().meanTimeToAbandonSeconds(),
                ewt.abandoned().meanEstimatedWaitSeconds());
    }
}
