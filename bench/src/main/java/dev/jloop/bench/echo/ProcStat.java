package dev.jloop.bench.echo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's CPU time and resident memory from Linux's {@code /proc}: {@code utime + stime}
 * (every thread, in clock ticks) from {@code /proc/<pid>/stat}, and {@code VmRSS} from
 * {@code /proc/<pid>/status}. Elsewhere the figures are unavailable (-1).
 */
final class ProcStat {
  /** Linux's USER_HZ, the unit of utime and stime; 100 on every mainstream architecture. */
  static final long CLOCK_TICKS_PER_SECOND = clockTicks();

  private ProcStat() {}

  /** The process's user + system CPU time in nanoseconds, or -1 if /proc cannot tell. */
  static long cpuNanos(long pid) {
    String stat;
    try {
      stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    } catch (IOException | UnsupportedOperationException e) {
      return -1;
    }
    // Fields after the command name, which sits in parentheses and may itself hold spaces.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    // f[0] is field 3 (state); utime and stime are fields 14 and 15.
    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
    return ticks * 1_000_000_000L / CLOCK_TICKS_PER_SECOND;
  }

  /** The process's resident set size in bytes, or -1 if /proc cannot tell. */
  static long rssBytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          String[] f = line.substring(6).trim().split("\\s+");
          return Long.parseLong(f[0]) * 1024; // always kB
        }
      }
    } catch (IOException | UnsupportedOperationException e) {
      return -1;
    }
    return -1;
  }

  private static long clockTicks() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      p.waitFor();
      return Long.parseLong(out);
    } catch (IOException | NumberFormatException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }
}
