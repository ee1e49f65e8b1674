package io.modelmap.formats.benchmark;

import io.modelmap.formats.FilePosition;
import io.modelmap.formats.csv.CsvFiles;
import io.modelmap.schemas.ScoreSource;
import io.modelmap.schemas.avro.BenchmarkScore;
import io.modelmap.schemas.key.Ids;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads benchmark results in the wide layout {@code model_id,<benchmark>,<benchmark>,...}, one row per
 * model, a cell per result and an empty cell where it is unknown. Any mistake refuses the whole file
 * with its line and column, so a half-read table is never published.
 */
public final class ScoreTableReader {
  private ScoreTableReader() {}

  /** Every known result of the file, {@code source} imported, stamped {@code nowMs}. */
  public static List<BenchmarkScore> read(Path file, long nowMs) throws IOException {
    List<String> header = CsvFiles.header(file);
    String name = file.getFileName().toString();
    if (header.size() < 2 || !header.get(0).equals("model_id")) {
      throw FilePosition.line(name, 1).refuse("the header must be model_id,<benchmark>,...; it is " + header);
    }
    for (String benchmark : header.subList(1, header.size())) {
      CsvFiles.requireId(FilePosition.line(name, 1), Ids.Kind.BENCHMARK, benchmark);
    }
    List<BenchmarkScore> scores = new ArrayList<>();
    Set<String> models = new HashSet<>();
    for (CSVRecord record : CsvFiles.read(file)) {
      FilePosition at = FilePosition.line(name, record.getRecordNumber() + 1);
      if (record.size() != header.size()) {
        throw at.refuse(record.size() + " fields, the header has " + header.size());
      }
      String model = record.get(0);
      CsvFiles.requireId(at.field("model_id"), Ids.Kind.MODEL, model);
      if (!models.add(model)) {
        throw at.field("model_id").refuse(model + " has a row already; give each model one row");
      }
      for (int c = 1; c < header.size(); c++) {
        String cell = record.get(c).trim();
        if (!cell.isEmpty()) {
          scores.add(BenchmarkScore.newBuilder().setModelId(model).setBenchmarkId(header.get(c))
              .setValue(value(at.field(header.get(c)), cell)).setSource(ScoreSource.IMPORTED).setRecordedAtMs(nowMs)
              .build());
        }
      }
    }
    if (scores.isEmpty()) {
      throw FilePosition.of(name).refuse("holds no scores; give at least one model a result");
    }
    return scores;
  }

  private static double value(FilePosition at, String cell) throws IOException {
    double value;
    try {
      value = Double.parseDouble(cell);
    } catch (NumberFormatException e) {
      throw at.refuse("'" + cell + "' is not a number; write a number or leave the cell empty");
    }
    if (!Double.isFinite(value)) {
      throw at.refuse(cell + " is not finite; leave an unknown score empty");
    }
    return value;
  }

}
