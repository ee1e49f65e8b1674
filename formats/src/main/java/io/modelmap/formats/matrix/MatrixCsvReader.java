package io.modelmap.formats.matrix;

import io.modelmap.formats.FilePosition;
import io.modelmap.formats.csv.CsvFiles;
import io.modelmap.schemas.key.Ids;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads {@code texts.csv} ({@code text_id,category,bytes}) and {@code L.csv} ({@code model_id,<text_id>...}).
 * A bad row of L is reported with its line number and skipped; good rows are kept.
 */
public final class MatrixCsvReader {
  private static final List<String> TEXTS_HEADER = List.of("text_id", "category", "bytes");
  private static final String EXPECTED = " (expected columns text_id,category,bytes)";

  private MatrixCsvReader() {}

  public static ImportedMatrix read(Path matrixFile, Path textsFile) throws IOException {
    List<TextMetadata> texts = readTexts(textsFile);
    Map<String, Integer> column = new HashMap<>();
    texts.forEach(t -> column.put(t.textId(), t.index()));
    List<String> header = CsvFiles.header(matrixFile);
    if (header.isEmpty() || !header.get(0).equals("model_id")) {
      throw FilePosition.line(matrixFile, 1).refuse("the header must start with model_id");
    }
    int[] columnOf = new int[header.size()];
    for (int h = 1; h < header.size(); h++) {
      Integer index = column.get(header.get(h));
      if (index == null) {
        throw FilePosition.line(matrixFile, 1).field(header.get(h)).refuse("not a text of " + textsFile
            + "; give each column of L a row there");
      }
      columnOf[h] = index;
    }
    Map<String, double[]> rows = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (CSVRecord record : CsvFiles.read(matrixFile)) {
      String where = matrixFile.getFileName() + " line " + (record.getRecordNumber() + 1);
      String problem = null;
      double[] row = new double[texts.size()];
      Arrays.fill(row, Double.NaN);
      if (record.size() != header.size()) {
        problem = "has " + record.size() + " fields, the header has " + header.size();
      } else {
        String model = record.get(0);
        problem = Ids.problem(Ids.Kind.MODEL, model).map(p -> "field model_id: " + p)
            .orElse(rows.containsKey(model) ? "repeats model " + model : null);
        for (int h = 1; h < header.size() && problem == null; h++) {
          problem = parseCell(record.get(h), header.get(h), row, columnOf[h]);
        }
      }
      if (problem == null) {
        rows.put(record.get(0), row);
      } else {
        problems.add(where + ": " + problem + "; row skipped");
      }
    }
    return new ImportedMatrix(texts, rows, problems);
  }

  /** Null when the cell is empty (not scored) or a valid log-likelihood; otherwise the problem. */
  private static String parseCell(String cell, String textId, double[] row, int index) {
    if (cell.isBlank()) {
      return null;
    }
    double value;
    try {
      value = Double.parseDouble(cell);
    } catch (NumberFormatException e) {
      return "text " + textId + ": '" + cell + "' is not a number";
    }
    if (!Double.isFinite(value) || value > 0) {
      return "text " + textId + ": " + cell + " is not a log-likelihood (finite and <= 0)";
    }
    row[index] = value;
    return null;
  }

  private static List<TextMetadata> readTexts(Path textsFile) throws IOException {
    List<String> header = CsvFiles.header(textsFile);
    if (!header.containsAll(TEXTS_HEADER)) {
      throw FilePosition.line(textsFile, 1).refuse("the header must hold " + String.join(",", TEXTS_HEADER)
          + "; it is " + header);
    }
    List<TextMetadata> texts = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (CSVRecord r : CsvFiles.read(textsFile)) {
      FilePosition at = FilePosition.line(textsFile, r.getRecordNumber() + 1);
      if (!r.isConsistent()) {
        throw at.refuse(r.size() + " fields, the header has " + header.size());
      }
      int bytes = positive(r.get("bytes"));
      if (bytes <= 0) {
        throw at.field("bytes").refuse("'" + r.get("bytes") + "' is not a positive integer" + EXPECTED);
      }
      String textId = r.get("text_id");
      var problem = Ids.problem(Ids.Kind.TEXT, textId);
      if (problem.isPresent()) {
        throw at.field("text_id").refuse(problem.get() + EXPECTED);
      }
      if (!seen.add(textId)) {
        throw at.field("text_id").refuse("text '" + textId + "' appears twice" + EXPECTED);
      }
      texts.add(new TextMetadata(textId, texts.size(), r.get("category"), bytes));
    }
    if (texts.isEmpty()) {
      throw FilePosition.of(textsFile).refuse("holds no texts; give each text of L a row");
    }
    return texts;
  }

  /** The cell as a positive integer, or 0 when it is not one. */
  private static int positive(String cell) {
    try {
      return Math.max(0, Integer.parseInt(cell));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
