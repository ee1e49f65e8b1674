package io.modelmap.cli.hub;

import io.modelmap.cli.terminal.ProgressLine;
import io.modelmap.cli.terminal.SmoothedRate;
import io.modelmap.hub.DownloadProgress;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Locale;

/**
 * Per-file download progress for a person: bytes, rate and time left, on the CLI's one {@link ProgressLine}
 * and {@link SmoothedRate} (so a download's time left neither jumps nor runs backwards, and says "stalled"
 * when nothing arrives). On a terminal one line redrawn at most every quarter second; elsewhere (a log, a CI
 * job) one line per file when it is complete, with the file's mean rate.
 */
final class DownloadLines implements DownloadProgress {
  private static final long THROTTLE_MILLIS = 250;

  private final PrintStream out;
  private final boolean terminal;
  private final Clock clock;
  private String file;
  private ProgressLine progress;
  private SmoothedRate rate;
  private long started;
  private long startBytes;
  private long lastPrinted;

  DownloadLines(PrintStream out, boolean terminal, Clock clock) {
    this.out = out;
    this.terminal = terminal;
    this.clock = clock;
  }

  @Override
  public synchronized void update(String path, long done, long total) {
    long now = clock.millis();
    if (!path.equals(file)) { // files come one at a time: a new name starts a new line
      file = path;
      progress = new ProgressLine(out, terminal, clock);
      rate = new SmoothedRate(clock); // its first count is where it starts: a resumed download's earlier bytes do not count
      started = now;
      startBytes = done;
      lastPrinted = now - THROTTLE_MILLIS;
    }
    rate.observe(done);
    if (total >= 0 && done >= total) {
      progress.finish(completeLine(path, done, total, now - started));
      return;
    }
    if (!terminal || now - lastPrinted < THROTTLE_MILLIS) {
      return;
    }
    lastPrinted = now;
    progress.update(line(path, done, total), total > 0 ? done / (double) total : Double.NaN);
  }

  /** Bytes so far, the smoothed rate and the time left at it (or "stalled"). */
  private String line(String path, long done, long total) {
    double perSecond = rate.perSecond();
    StringBuilder line = new StringBuilder("  ").append(path).append(": ").append(bytes(done));
    if (total >= 0) {
      line.append(" of ").append(bytes(total));
    }
    line.append(", ").append(bytes(Double.isNaN(perSecond) ? 0 : (long) perSecond)).append("/s");
    if (rate.stalled()) {
      line.append(", stalled");
    } else if (total >= 0) {
      rate.timeLeft(total).ifPresent(left -> line.append(", ").append(SmoothedRate.readable(left)).append(" left"));
    }
    return line.toString();
  }

  /** The whole file: its size, the mean rate of this run's bytes and the time it took. */
  private String completeLine(String path, long done, long total, long millis) {
    double seconds = Math.max(millis, 1) / 1e3;
    return String.format(Locale.ROOT, "  %s: %s of %s, %s/s, %.1f s", path, bytes(done), bytes(total),
        bytes((long) ((done - startBytes) / seconds)), seconds);
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
