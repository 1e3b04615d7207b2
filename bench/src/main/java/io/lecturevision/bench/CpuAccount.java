package io.lecturevision.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the machine's CPU goes during one measured phase: the CPU time of each suite process (a
 * process and its children, as PostgreSQL's backends), of this load generator, and of the whole
 * machine, read from /proc before and after, divided by the phase's requests. On a 2-core machine
 * where everything shares the cores this says what a request costs and who pays for it, which a
 * throughput ratio alone cannot.
 */
final class CpuAccount {

    /** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux x86-64 and arm64). */
    private static final double TICKS_PER_SECOND = 100.0;

    static final List<String> PROCESSES = List.of("upload-service", "video-service", "postgres", "kafka", "s3proxy", "nginx");

    private final Path runDirectory;
    private final Map<String, List<double[]>> rows = new LinkedHashMap<>();

    CpuAccount(Path runDirectory) {
        this.runDirectory = runDirectory;
    }

    /** CPU seconds so far: one per process of {@link #PROCESSES}, then the load generator, then the machine. */
    double[] snapshot() {
        double[] seconds = new double[PROCESSES.size() + 2];
        for (int i = 0; i < PROCESSES.size(); i++) {
            seconds[i] = processTreeSeconds(pid(PROCESSES.get(i)));
        }
        seconds[PROCESSES.size()] = processSeconds(ProcessHandle.current().pid());
        seconds[PROCESSES.size() + 1] = machineBusySeconds();
        return seconds;
    }

    /** Records a phase's CPU per unit of work (a request, or a MB for a full GET), in milliseconds. */
    void record(String phase, double[] before, double[] after, double units) {
        double[] perUnit = new double[before.length];
        for (int i = 0; i < before.length; i++) {
            perUnit[i] = units > 0 ? (after[i] - before[i]) * 1000 / units : Double.NaN;
        }
        rows.computeIfAbsent(phase, p -> new ArrayList<>()).add(perUnit);
    }

    void clear() {
        rows.clear();
    }

    /** A Markdown table of the medians over the rounds. */
    String table() {
        StringBuilder out = new StringBuilder("| phase | ");
        PROCESSES.forEach(p -> out.append(p).append(" | "));
        out.append("load generator | rest (kernel, other processes) | whole machine |\n|---|");
        out.append("---|".repeat(PROCESSES.size() + 3)).append('\n');
        rows.forEach((phase, rounds) -> {
            out.append("| ").append(phase).append(" | ");
            double machine = median(rounds, PROCESSES.size() + 1);
            double accounted = 0;
            for (int i = 0; i <= PROCESSES.size(); i++) {
                double value = median(rounds, i);
                accounted += value;
                out.append(String.format(Locale.ROOT, "%.2f", value)).append(" | ");
            }
            out.append(String.format(Locale.ROOT, "%.2f | %.2f |%n", Math.max(0, machine - accounted), machine));
        });
        return out.toString();
    }

    /**
     * A figure's path and its baseline, by phase, the suite process that serves the path, and
     * whether the path relays the store's bytes (one MB per unit of the phase).
     */
    record Pair(String figure, String pathPhase, String baselinePhase, String service, boolean relaysOneMegabyte) {
    }

    /**
     * What the measured CPU allows each ratio to be, where every process shares the same cores and
     * a phase keeps them busy (so throughput goes as the inverse of the whole machine's CPU per
     * request): the ratio from the CPU alone, the ratio if the service cost nothing, and, for a
     * relay, if it cost only what S3Proxy spends sending the same megabyte (the full GET from it).
     */
    String bounds(List<Pair> pairs) {
        int machine = PROCESSES.size() + 1;
        int s3proxy = PROCESSES.indexOf("s3proxy");
        StringBuilder out = new StringBuilder("| figure | from the CPU alone | if the service cost nothing | "
                + "if it cost only what S3Proxy spends sending the bytes |\n|---|---|---|---|\n");
        List<double[]> sending = rows.get("full GET straight from S3Proxy (per MB)");
        for (Pair pair : pairs) {
            List<double[]> path = rows.get(pair.pathPhase());
            List<double[]> baseline = rows.get(pair.baselinePhase());
            if (path == null || baseline == null) {
                continue;
            }
            double base = median(baseline, machine);
            double whole = median(path, machine);
            double withoutService = whole - median(path, PROCESSES.indexOf(pair.service()));
            out.append("| ").append(pair.figure()).append(String.format(Locale.ROOT, " | %.2f | %.2f | ",
                    base / whole, base / withoutService));
            out.append(pair.relaysOneMegabyte() && sending != null
                    ? String.format(Locale.ROOT, "%.2f", base / (withoutService + median(sending, s3proxy))) : "—");
            out.append(" |\n");
        }
        return out.toString();
    }

    private static double median(List<double[]> rounds, int column) {
        return RunAll.median(rounds.stream().mapToDouble(r -> r[column]).toArray());
    }

    private long pid(String name) {
        try {
            return Long.parseLong(Files.readString(runDirectory.resolve(name + ".pid")).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private static double processTreeSeconds(long pid) {
        if (pid < 0) {
            return 0;
        }
        double seconds = processSeconds(pid);
        try (Stream<ProcessHandle> children = ProcessHandle.of(pid).map(ProcessHandle::children).orElse(Stream.empty())) {
            seconds += children.mapToDouble(child -> processSeconds(child.pid())).sum();
        }
        return seconds;
    }

    /** utime + stime of a process (all its threads), fields 14 and 15 of /proc/PID/stat. */
    private static double processSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The machine's non-idle CPU time: user, nice, system, irq, softirq and steal of /proc/stat's first line. */
    private static double machineBusySeconds() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = Long.parseLong(cpu[1]) + Long.parseLong(cpu[2]) + Long.parseLong(cpu[3])
                    + Long.parseLong(cpu[6]) + Long.parseLong(cpu[7]) + Long.parseLong(cpu[8]);
            return busy / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
