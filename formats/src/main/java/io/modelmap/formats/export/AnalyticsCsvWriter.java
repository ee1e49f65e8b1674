package io.modelmap.formats.export;

import io.modelmap.formats.csv.CsvFiles;
import io.modelmap.schemas.avro.CoordinateFrame;
import io.modelmap.schemas.avro.LeakageEntry;
import io.modelmap.schemas.avro.ModelAnalytics;
import io.modelmap.schemas.avro.ModelPosition;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a corpus's analytics: {@code analytics.csv} (per complete model, in clustering order: its place
 * in that order, primary text category and leakage indicator) and {@code effective-dimension.csv} (the
 * cumulative share of variance per number of axes).
 */
public final class AnalyticsCsvWriter {
  private AnalyticsCsvWriter() {}

  /** Writes both files into {@code dir}; without analytics they hold only their headers. */
  public static void write(ModelAnalytics analytics, CoordinateFrame frame, Path dir) throws IOException {
    Map<String, String> category = new HashMap<>();
    if (frame != null) {
      for (ModelPosition p : frame.getPositions()) {
        category.put(p.getModelId(), p.getPrimaryCategory());
      }
    }
    Map<String, LeakageEntry> leakage = new HashMap<>();
    List<String> order = analytics == null ? List.of() : analytics.getClusterOrder();
    if (analytics != null) {
      analytics.getLeakage().forEach(e -> leakage.put(e.getModelId(), e));
    }
    try (CSVPrinter csv = CsvFiles.writer(dir.resolve("analytics.csv"), List.of("model_id", "cluster_order",
        "primary_category", "leakage", "mean_log_likelihood", "benchmark_standing"))) {
      for (int i = 0; i < order.size(); i++) {
        LeakageEntry e = leakage.get(order.get(i));
        csv.printRecord(order.get(i), i + 1, category.getOrDefault(order.get(i), ""),
            e == null ? "" : CsvFiles.number(e.getLeakage()), e == null ? "" : CsvFiles.number(e.getMeanLogLikelihood()),
            e == null ? "" : CsvFiles.number(e.getBenchmarkStanding()));
      }
    }
    try (CSVPrinter csv = CsvFiles.writer(dir.resolve("effective-dimension.csv"), List.of("axes", "cumulative_variance"))) {
      List<Double> curve = analytics == null ? List.of() : analytics.getCumulativeVariance();
      for (int d = 0; d < curve.size(); d++) {
        csv.printRecord(d + 1, CsvFiles.number(curve.get(d)));
      }
    }
  }
}
