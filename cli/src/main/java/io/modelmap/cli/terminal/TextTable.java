package io.modelmap.cli.terminal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A table for the terminal: each column as wide as its widest cell (real Hugging Face ids run past 30
 * characters) and at least its minimum, up to the column's cap, beyond which a cell is cut in the middle with
 * "…" so that both the organisation and the revision of {@code org/name@revision} stay readable. Columns are
 * two spaces apart unless told otherwise; trailing blanks are dropped.
 */
public final class TextTable {
  /** Wide enough for nearly every Hugging Face id, narrow enough for two id columns on a 120-column screen. */
  public static final int DEFAULT_CAP = 40;

  /** A column: its header, alignment, the fewest characters it takes and the most a cell may take. */
  public record Column(String header, boolean rightAligned, int minWidth, int cap) {
    public Column {
      if (cap < 3 || minWidth < 0 || minWidth > cap) {
        throw new IllegalArgumentException("a column needs 0 ≤ width ≤ cap and a cap of at least 3, not "
            + minWidth + " and " + cap);
      }
    }

    public static Column left(String header) {
      return new Column(header, false, 0, DEFAULT_CAP);
    }

    public static Column right(String header) {
      return new Column(header, true, 0, DEFAULT_CAP);
    }

    /** The same column, never narrower than {@code width} (a layout people know, kept for short cells). */
    public Column atLeast(int width) {
      return new Column(header, rightAligned, width, Math.max(cap, width));
    }

    /** The same column, cells longer than {@code newCap} cut in the middle. */
    public Column capped(int newCap) {
      return new Column(header, rightAligned, Math.min(minWidth, newCap), newCap);
    }
  }

  private final List<Column> columns;
  private final String gap;
  private final List<String[]> rows = new ArrayList<>();

  private TextTable(List<Column> columns, String gap) {
    this.columns = List.copyOf(columns);
    this.gap = gap;
  }

  /** A table with these columns, two spaces apart. */
  public static TextTable of(Column... columns) {
    return new TextTable(Arrays.asList(columns), "  ");
  }

  /** The same (empty) table with columns {@code spaces} apart. */
  public TextTable spaced(int spaces) {
    if (!rows.isEmpty()) {
      throw new IllegalStateException("set the spacing before adding rows");
    }
    return new TextTable(columns, " ".repeat(spaces));
  }

  /** Adds a row; missing trailing cells are blank, and a blank cell under an id continues the row above. */
  public TextTable row(Object... cells) {
    if (cells.length > columns.size()) {
      throw new IllegalArgumentException(cells.length + " cells for " + columns.size() + " columns");
    }
    String[] row = new String[columns.size()];
    for (int c = 0; c < row.length; c++) {
      row[c] = c < cells.length && cells[c] != null ? cells[c].toString() : "";
    }
    rows.add(row);
    return this;
  }

  /** The table as text, one line per row after the header, each ending in a line separator. */
  public String render() {
    int[] widths = new int[columns.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = Math.max(columns.get(c).minWidth(), fit(columns.get(c).header(), columns.get(c).cap()).length());
      for (String[] row : rows) {
        widths[c] = Math.max(widths[c], fit(row[c], columns.get(c).cap()).length());
      }
    }
    StringBuilder text = new StringBuilder();
    line(text, columns.stream().map(Column::header).toArray(String[]::new), widths);
    rows.forEach(row -> line(text, row, widths));
    return text.toString();
  }

  public void print(PrintStream out) {
    out.print(render());
    out.flush();
  }

  private void line(StringBuilder text, String[] cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.length; c++) {
      String cell = fit(cells[c], columns.get(c).cap());
      String pad = " ".repeat(widths[c] - cell.length());
      line.append(c == 0 ? "" : gap).append(columns.get(c).rightAligned() ? pad + cell : cell + pad);
    }
    text.append(line.toString().stripTrailing()).append(System.lineSeparator());
  }

  /** {@code cell} itself when it fits in {@code cap}, else its start and end around "…". */
  static String fit(String cell, int cap) {
    if (cell.length() <= cap) {
      return cell;
    }
    int tail = (cap - 1) / 2;
    int head = cap - 1 - tail;
    return cell.substring(0, head) + "…" + cell.substring(cell.length() - tail);
  }
}
