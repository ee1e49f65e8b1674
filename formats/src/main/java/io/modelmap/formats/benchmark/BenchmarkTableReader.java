package io.modelmap.formats.benchmark;

import io.modelmap.formats.FilePosition;
import io.modelmap.formats.csv.CsvFiles;
import io.modelmap.schemas.avro.BenchmarkRegistered;
import io.modelmap.schemas.key.Ids;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads {@code benchmarks.csv}, the task factors of collaborative prediction (CPP §3.2):
 * {@code benchmark_id,ability,family,output_format,shots}, then any further columns as labels; one row
 * per benchmark, empty where unknown. Any mistake refuses the whole file with its line and field.
 */
public final class BenchmarkTableReader {
  private static final List<String> HEADER = List.of("benchmark_id", "ability", "family", "output_format", "shots");

  private BenchmarkTableReader() {}

  public static List<BenchmarkRegistered> read(Path file, long nowMs) throws IOException {
    String name = file.getFileName().toString();
    List<String> header = CsvFiles.header(file);
    if (header.size() < HEADER.size() || !header.subList(0, HEADER.size()).equals(HEADER)) {
      throw FilePosition.line(name, 1).refuse("the header must start " + String.join(",", HEADER)
          + " (further columns are labels); it is " + header);
    }
    List<BenchmarkRegistered> benchmarks = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (CSVRecord r : CsvFiles.read(file)) {
      FilePosition at = FilePosition.line(name, r.getRecordNumber() + 1);
      if (r.size() != header.size()) {
        throw at.refuse(r.size() + " fields, the header has " + header.size());
      }
      String id = r.get(0);
      CsvFiles.requireId(at.field("benchmark_id"), Ids.Kind.BENCHMARK, id);
      if (!seen.add(id)) {
        throw at.field("benchmark_id").refuse(id + " has a row already; give each benchmark one row");
      }
      Map<String, String> labels = new LinkedHashMap<>();
      for (int c = HEADER.size(); c < header.size(); c++) {
        if (!r.get(c).isBlank()) {
          labels.put(header.get(c), r.get(c).trim());
        }
      }
      benchmarks.add(BenchmarkRegistered.newBuilder().setBenchmarkId(id).setAbility(blankToNull(r.get(1)))
          .setFamily(blankToNull(r.get(2))).setOutputFormat(blankToNull(r.get(3))).setShots(shots(at.field("shots"), r.get(4)))
          .setLabels(Map.copyOf(labels)).setRegisteredAtMs(nowMs).build());
    }
    if (benchmarks.isEmpty()) {
      throw FilePosition.of(name).refuse("holds no benchmarks; give each benchmark a row");
    }
    return benchmarks;
  }

  private static Integer shots(FilePosition at, String cell) throws IOException {
    String text = cell.trim();
    if (text.isEmpty()) {
      return null;
    }
    try {
      int shots = Integer.parseInt(text);
      if (shots >= 0) {
        return shots;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw at.refuse("'" + cell + "' is not a count of examples (0, 1, 5, ...)");
  }

  private static String blankToNull(String s) {
    return s.isBlank() ? null : s.trim();
  }
}
