package news.articles.benchmarks.cold;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One cold start, measured: wall time from process start to the first response, the process's CPU
 * time (user and system, all threads, from /proc/pid/stat, in clock ticks of 10 ms), its loaded
 * classes (its own counters, see {@link HsPerfData}), and the kernel's high-water mark of its
 * resident memory (VmHWM), all read while the JVM still runs, right after it answered.
 */
public record ProcessSample(double wallMillis, double initMillis, double cpuMillis, long loadedClasses, double peakRssMb) {

    /** Reads what the kernel and the JVM say about a live process. */
    static ProcessSample of(long pid, double wallMillis, double initMillis) {
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("process " + pid + " is gone"));
        double cpu = handle.info().totalCpuDuration().map(Duration::toNanos).orElse(-1_000_000L) / 1_000_000.0;
        return new ProcessSample(wallMillis, initMillis, cpu, HsPerfData.loadedClasses(pid).orElse(-1), peakRssMb(pid));
    }

    private static double peakRssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring("VmHWM:".length()).replace("kB", "").trim()) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }
}
