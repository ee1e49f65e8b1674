package io.modelmap.cli.hub;

import io.modelmap.hub.DownloadProgress;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Per-file download progress for a person: bytes, rate and time left. On a terminal one line rewritten at
 * most every quarter second; elsewhere (a log, a CI job) one line per file when it is complete.
 */
final class DownloadLines implements DownloadProgress {
  private static final long THROTTLE_NANOS = 250_000_000L;

  private final PrintStream out;
  private final boolean terminal;
  private final LongSupplier nanoTime;
  private String file;
  private long started;
  private long startBytes;
  private long lastPrinted;

  DownloadLines(PrintStream out, boolean terminal, LongSupplier nanoTime) {
    this.out = out;
    this.terminal = terminal;
    this.nanoTime = nanoTime;
  }

  @Override
  public synchronized void update(String path, long done, long total) {
    long now = nanoTime.getAsLong();
    if (!path.equals(file)) { // files come one at a time: a new name starts a new line
      file = path;
      started = now;
      startBytes = done; // a resumed download's earlier bytes do not count toward the rate
      lastPrinted = now - THROTTLE_NANOS;
    }
    boolean complete = total >= 0 && done >= total;
    if (!complete && (!terminal || now - lastPrinted < THROTTLE_NANOS)) {
      return;
    }
    lastPrinted = now;
    String line = line(path, done, total, now - started);
    if (terminal) {
      out.print("\r" + line + (complete ? "\n" : ""));
    } else {
      out.println(line);
    }
    out.flush();
  }

  private String line(String path, long done, long total, long nanos) {
    double seconds = Math.max(nanos, 1) / 1e9;
    double rate = (done - startBytes) / seconds;
    StringBuilder line = new StringBuilder("  ").append(path).append(": ").append(bytes(done));
    if (total >= 0) {
      line.append(" of ").append(bytes(total));
    }
    line.append(", ").append(bytes((long) rate)).append("/s");
    if (total >= 0 && done < total && rate > 0) {
      line.append(String.format(Locale.ROOT, ", %.0f s left", (total - done) / rate));
    } else if (total >= 0 && done >= total) {
      line.append(String.format(Locale.ROOT, ", %.1f s", seconds));
    }
    return line.toString();
  }

  /** Bytes in the unit a person reads best (decimal, as the Hub shows sizes). */
  static String bytes(long bytes) {
    if (bytes < 1000) {
      return bytes + " B";
    }
    String[] units = {"kB", "MB", "GB", "TB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1000 && unit < units.length - 1) {
      value /= 1000;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
