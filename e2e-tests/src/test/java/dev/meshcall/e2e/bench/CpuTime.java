package dev.meshcall.e2e.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time (user + system) a process has used so far, from {@code /proc/PID/stat}: read before and after a load,
 * it tells which process of a pipeline (load clients, server nodes, the XMPP service) spends the machine's cores.
 */
final class CpuTime {
    /** Linux reports {@code utime}/{@code stime} in clock ticks of 1/100 s ({@code getconf CLK_TCK}). */
    private static final int TICKS_PER_SECOND = 100;

    private CpuTime() {
    }

    /** Milliseconds of CPU used by process {@code pid}, all its threads, so far. */
    static long millis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name (which may hold spaces) in parentheses; utime and stime are 14 and 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 1000 / TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CPU time of process " + pid, e);
        }
    }
}
