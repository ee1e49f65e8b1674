package io.modelmap.cli.terminal;

import io.modelmap.kafka.WaitProgress;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;

/**
 * A progress line as the place it goes can show it. On a terminal one line redrawn in place (carriage
 * return, the rest of a longer earlier line blanked); in a log or a CI job (anything that is not a
 * terminal) a line only when the work passes another tenth of the whole or {@link #LOG_EVERY} has gone by,
 * so that a long run leaves a few dozen lines, not one per poll.
 */
public final class ProgressLine implements WaitProgress {
  /** In a log, at least one line this often, so a reader can tell the run is alive. */
  public static final Duration LOG_EVERY = Duration.ofSeconds(30);

  private final PrintStream out;
  private final boolean terminal;
  private final Clock clock;
  private String drawn = "";
  private long lastLogged = Long.MIN_VALUE;
  private int lastTenth = -1;

  public ProgressLine(PrintStream out, boolean terminal, Clock clock) {
    this.out = out;
    this.terminal = terminal;
    this.clock = clock;
  }

  /** A progress line for {@code out}, redrawn in place when it is the standard output of an interactive terminal. */
  public static ProgressLine on(PrintStream out, Clock clock) {
    return new ProgressLine(out, out == System.out && interactive(), clock);
  }

  /** Whether a person watches this process's output: a console, and a terminal that can move the cursor. */
  public static boolean interactive() {
    return System.console() != null && !"dumb".equals(System.getenv("TERM"));
  }

  /** The state now; {@code fraction} (0 to 1) is how much of the whole is done, NaN when unknown. */
  @Override
  public synchronized void update(String line, double fraction) {
    if (terminal) {
      redraw(line);
      return;
    }
    long now = clock.millis();
    int tenth = Double.isNaN(fraction) ? lastTenth : (int) Math.floor(Math.min(1, Math.max(0, fraction)) * 10);
    if (lastLogged == Long.MIN_VALUE || tenth > lastTenth || now - lastLogged >= LOG_EVERY.toMillis()) {
      out.println(line);
      out.flush();
      lastLogged = now;
    }
    lastTenth = Math.max(lastTenth, tenth);
  }

  /** A line of its own (a refused model, a warning) printed above the progress line, which stays. */
  @Override
  public synchronized void note(String line) {
    if (!terminal) {
      out.println(line);
      out.flush();
      return;
    }
    String progress = drawn;
    redraw(line);
    out.println();
    drawn = "";
    if (!progress.isEmpty()) {
      redraw(progress);
    }
  }

  /** The last line: on a terminal it replaces the progress line and ends it. */
  @Override
  public synchronized void finish(String line) {
    if (terminal) {
      redraw(line);
      out.println();
      drawn = "";
    } else {
      out.println(line);
    }
    out.flush();
  }

  private void redraw(String line) {
    out.print("\r" + line + " ".repeat(Math.max(0, drawn.length() - line.length())));
    out.flush();
    drawn = line;
  }
}
