package io.modelmap.formats.benchmark;

import io.modelmap.math.collab.DesignFactors;
import io.modelmap.math.collab.ScoreMatrix;
import io.modelmap.formats.FilePosition;
import io.modelmap.formats.csv.CsvFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;

/**
 * The collaborative-performance-prediction tables in the layout of the CPP paper's data: scores wide
 * (first column the model, one column per task, empty = unknown), model factors one row per model
 * (named columns, numerical ones log1p-scaled and 0 where unknown, categorical ones as indices with
 * "unknown" a value of its own), task factors one row per factor and one column per task. Models
 * and tasks are matched by name; a model without a factor row gets every factor unknown, and is
 * listed.
 */
public final class CppTableReader {
  /** The model factors the CPP code uses: numerical, then categorical. */
  public static final List<String> NUMERICAL = List.of("Pretraining Dataset Size(B)", "Parameter Size(M)", "GPUh",
      "FLOPs", "Layers", "Number Heads", "bottleneck activation size", "Carbon Emission (tCO2Eq)");
  public static final List<String> CATEGORICAL = List.of("family", "Finetuning", "Context window", "batch size(M)");

  private CppTableReader() {}

  /** The tables read; {@code modelsWithoutFactors} names the score rows no factor row matched. */
  public record CppTables(ScoreMatrix scores, DesignFactors factors, List<String> modelsWithoutFactors) {}

  public static CppTables read(Path scoresFile, Path modelFactorsFile, Path taskFactorsFile) throws IOException {
    ScoreMatrix scores = scores(scoresFile);
    Map<String, CSVRecord> modelRows = rowsByFirstColumn(modelFactorsFile);
    List<String> header = CsvFiles.header(modelFactorsFile);
    for (String column : concat(NUMERICAL, CATEGORICAL)) {
      if (!header.contains(column)) {
        throw FilePosition.line(modelFactorsFile.getFileName(), 1).refuse("no column '" + column + "'; the model factors"
            + " need " + concat(NUMERICAL, CATEGORICAL));
      }
    }
    int models = scores.models().size();
    double[][] numeric = new double[models][NUMERICAL.size()];
    String[][] categories = new String[models][CATEGORICAL.size()];
    List<String> missing = new ArrayList<>();
    for (int m = 0; m < models; m++) {
      CSVRecord row = modelRows.get(scores.models().get(m));
      if (row == null) {
        missing.add(scores.models().get(m));
      }
      for (int c = 0; c < NUMERICAL.size(); c++) {
        String cell = row == null ? "" : row.get(NUMERICAL.get(c)).trim();
        numeric[m][c] = cell.isEmpty() ? 0 : Math.log1p(number(modelFactorsFile, row, NUMERICAL.get(c), cell));
      }
      for (int c = 0; c < CATEGORICAL.size(); c++) {
        categories[m][c] = row == null ? "" : row.get(CATEGORICAL.get(c)).trim();
      }
    }
    Encoded modelCategories = Encoded.of(categories);
    String[][] taskValues = taskFactors(taskFactorsFile, scores.tasks());
    Encoded taskCategories = Encoded.of(taskValues);
    return new CppTables(scores, new DesignFactors(numeric, modelCategories.indices, modelCategories.cardinalities,
        taskCategories.indices, taskCategories.cardinalities), missing);
  }

  private static ScoreMatrix scores(Path file) throws IOException {
    List<String> header = CsvFiles.header(file);
    List<String> tasks = header.subList(1, header.size());
    List<String> models = new ArrayList<>();
    List<double[]> rows = new ArrayList<>();
    for (CSVRecord record : CsvFiles.read(file)) {
      String model = record.get(0).trim();
      if (models.contains(model)) {
        throw where(file, record).field(header.get(0)).refuse(model
            + " has a row already; give each model one row");
      }
      double[] row = new double[tasks.size()];
      for (int t = 0; t < tasks.size(); t++) {
        String cell = t + 1 < record.size() ? record.get(t + 1).trim() : "";
        row[t] = cell.isEmpty() ? Double.NaN : number(file, record, tasks.get(t), cell);
      }
      models.add(model);
      rows.add(row);
    }
    return new ScoreMatrix(models, tasks, rows.toArray(double[][]::new));
  }

  /** [task][factor] from a file with one row per factor (ability, family, output, shots) and a column per task. */
  private static String[][] taskFactors(Path file, List<String> tasks) throws IOException {
    List<String> header = CsvFiles.header(file);
    List<CSVRecord> rows = CsvFiles.read(file);
    String[][] values = new String[tasks.size()][rows.size()];
    for (int t = 0; t < tasks.size(); t++) {
      int column = header.indexOf(tasks.get(t));
      if (column < 0) {
        throw FilePosition.line(file.getFileName(), 1).refuse("no column for task '" + tasks.get(t)
            + "'; give every scored task its factors");
      }
      for (int f = 0; f < rows.size(); f++) {
        values[t][f] = rows.get(f).get(column).trim();
      }
    }
    return values;
  }

  private static Map<String, CSVRecord> rowsByFirstColumn(Path file) throws IOException {
    Map<String, CSVRecord> rows = new HashMap<>();
    for (CSVRecord record : CsvFiles.read(file)) {
      rows.put(record.get(0).trim(), record);
    }
    return rows;
  }

  private static double number(Path file, CSVRecord record, String field, String cell) throws IOException {
    try {
      double value = Double.parseDouble(cell);
      if (Double.isFinite(value)) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw where(file, record).field(field).refuse("'" + cell
        + "' is not a finite number; write a number or leave the cell empty");
  }

  private static FilePosition where(Path file, CSVRecord record) {
    return FilePosition.line(file.getFileName(), record.getRecordNumber() + 1);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** Ordinal codes per column, in order of first appearance. */
  private record Encoded(int[][] indices, int[] cardinalities) {
    static Encoded of(String[][] values) {
      int columns = values.length == 0 ? 0 : values[0].length;
      int[][] indices = new int[values.length][columns];
      int[] cardinalities = new int[columns];
      for (int c = 0; c < columns; c++) {
        Map<String, Integer> codes = new LinkedHashMap<>();
        for (int r = 0; r < values.length; r++) {
          indices[r][c] = codes.computeIfAbsent(values[r][c], v -> codes.size());
        }
        cardinalities[c] = codes.size();
      }
      return new Encoded(indices, cardinalities);
    }
  }
}
