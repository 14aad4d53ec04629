package org.switchboard.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What a load tool can see of a process on the same Linux host (a server, or itself): its CPU time
 * ({@code /proc/PID/stat}) and its collections so far ({@code jstat -gc}, from the JDK that runs the tool).
 */
record HostProcess(String pid) {

    /** USER_HZ, the unit of the CPU times in {@code /proc/PID/stat}: 100 on every Linux these tools run on. */
    private static final int CLOCK_TICKS_PER_SECOND = 100;

    /** This tool's own process. */
    static HostProcess thisTool() {
        return new HostProcess(Long.toString(ProcessHandle.current().pid()));
    }

    /** CPU time (user + system) the process has used so far, in seconds. */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", pid, "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS_PER_SECOND;
    }

    /** The collector's pauses so far: young and full collections and their total time; zeros when jstat fails. */
    Pauses pauses() throws IOException, InterruptedException {
        Path jstat = Path.of(System.getProperty("java.home"), "bin", "jstat");
        Process process = new ProcessBuilder(jstat.toString(), "-gc", pid)
                .redirectErrorStream(true)
                .start();
        List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .lines()
                .toList();
        process.waitFor();
        if (lines.size() < 2) {
            return new Pauses(0, 0, 0);
        }
        List<String> names = Arrays.asList(lines.get(0).trim().split("\\s+"));
        List<String> values = Arrays.asList(lines.get(1).trim().split("\\s+"));
        if (names.size() != values.size()) {
            return new Pauses(0, 0, 0);
        }
        return new Pauses(
                (long) figure(names, values, "YGC"), (long) figure(names, values, "FGC"), figure(names, values, "GCT"));
    }

    /** A column of jstat's line; 0 where the collector has none ({@code -}: ZGC counts no young collections there). */
    private static double figure(List<String> names, List<String> values, String name) {
        int column = names.indexOf(name);
        try {
            return column < 0 ? 0 : Double.parseDouble(values.get(column));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Collections counted by the JVM: young, full, and the seconds their pauses took. */
    record Pauses(long young, long full, double seconds) {

        Pauses since(Pauses earlier) {
            return new Pauses(young - earlier.young, full - earlier.full, seconds - earlier.seconds);
        }
    }
}
