package io.modelmap.formats;

import java.io.IOException;
import java.util.List;

/**
 * An input file the system refuses as it is: its message is one line naming the file, the line and the
 * field, what is wrong and what to do ({@code scores.csv line 3, field arc_easy: 'n/a' is not a number;
 * write a number or leave the cell empty}). It is an {@link IOException}, so every caller that already
 * reports an I/O failure by its message (the CLI: one line, exit 1, no stack trace) reports this one
 * the same way.
 */
public final class BadInputFile extends IOException {
  private final transient FilePosition position;
  private final String problem;

  BadInputFile(FilePosition position, String problem) {
    this(position, problem, position + ": " + problem, null);
  }

  private BadInputFile(FilePosition position, String problem, String message, Throwable cause) {
    super(message, cause);
    this.position = position;
    this.problem = problem;
  }

  /** Where the first problem is. */
  public FilePosition position() {
    return position;
  }

  /** What is wrong there, without the position. */
  public String problem() {
    return problem;
  }

  /** The same refusal, keeping what made it known (a decoder's exception) as its cause. */
  public BadInputFile causedBy(Throwable cause) {
    return new BadInputFile(position, problem, getMessage(), cause);
  }

  /** The same refusal with {@code advice} (what to do) after the problem. */
  public BadInputFile advising(String advice) {
    return new BadInputFile(position, problem + advice, getMessage() + advice, getCause());
  }

  /**
   * Several bad lines of {@code file}: the first {@code shown} of them one a line, then how many more
   * and {@code summary}. The position and problem are those of the first line.
   */
  public static BadInputFile several(Object file, List<BadInputFile> lines, int shown, String summary) {
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("no bad lines");
    }
    StringBuilder message = new StringBuilder();
    lines.stream().limit(shown).forEach(l -> message.append(l.getMessage()).append('\n'));
    if (lines.size() > shown) {
      message.append(lines.size() - shown).append(" more bad lines\n");
    }
    message.append(lines.size()).append(" bad lines in ").append(file).append(summary);
    return new BadInputFile(lines.get(0).position, lines.get(0).problem, message.toString(), null);
  }
}
