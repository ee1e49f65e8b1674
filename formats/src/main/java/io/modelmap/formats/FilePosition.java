package io.modelmap.formats;

import java.util.Objects;

/**
 * Where in an input file a problem is: the file as the user will recognise it, a line counted from 1
 * (0 for the file as a whole) and the field (column or JSON field; null for the whole line). Written
 * {@code scores.csv line 3, field arc_easy}.
 *
 * @param file the file's name or path, as shown to the user
 * @param line line from 1 (a CSV header is line 1), or 0 for the whole file
 * @param field the column or JSON field, or null
 */
public record FilePosition(String file, long line, String field) {
  public FilePosition {
    Objects.requireNonNull(file, "file");
    if (line < 0) {
      throw new IllegalArgumentException("line must be 0 (the whole file) or a line number from 1, not " + line);
    }
  }

  /** The file as a whole. */
  public static FilePosition of(Object file) {
    return new FilePosition(file.toString(), 0, null);
  }

  /** A whole line of the file. */
  public static FilePosition line(Object file, long line) {
    return new FilePosition(file.toString(), line, null);
  }

  /** The same line's field {@code name}. */
  public FilePosition field(String name) {
    return new FilePosition(file, line, name);
  }

  /** The refusal of the file for {@code problem} here; the problem says what is wrong and, where it helps, what to do. */
  public BadInputFile refuse(String problem) {
    return new BadInputFile(this, problem);
  }

  @Override
  public String toString() {
    return file + (line > 0 ? " line " + line : "") + (field == null ? "" : ", field " + field);
  }
}
