package io.modelmap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelmap.math.BatchReference;
import io.modelmap.formats.csv.CsvFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * An exported map (L.csv, Q.csv, neighbors.csv) checked against the batch reference computed on its
 * own L: every neighbour's KL and every Q value to 1e-9 relative.
 *
 * @param models model ids in L.csv order
 * @param textIds text ids in L.csv column order
 * @param reference the batch formulas on the exported L
 */
record ExportedMap(List<String> models, List<String> textIds, BatchReference reference) {

  static ExportedMap read(Path out) throws IOException {
    return read(out, null);
  }

  /** The rows of {@code only} (every row when null), in L.csv order: the other rows may be partial. */
  static ExportedMap read(Path out, java.util.Collection<String> only) throws IOException {
    List<String[]> lRows = ExportedCsv.rows(out.resolve("L.csv")).stream()
        .filter(r -> only == null || only.contains(r[0])).toList();
    List<String> models = lRows.stream().map(r -> r[0]).toList();
    double[][] l = lRows.stream().map(r -> Arrays.stream(r, 1, r.length).mapToDouble(Double::parseDouble).toArray())
        .toArray(double[][]::new);
    List<String> header = CsvFiles.header(out.resolve("L.csv"));
    return new ExportedMap(models, header.subList(1, header.size()), BatchReference.of(l));
  }

  /** Asserts the exported neighbours and Q equal the batch reference; returns the neighbour rows. */
  List<String[]> assertMatchesBatchReference(Path out, int neighborCount) throws IOException {
    List<String[]> neighbors = ExportedCsv.rows(out.resolve("neighbors.csv"));
    for (int i = 0; i < models.size(); i++) {
      String model = models.get(i);
      var expected = reference.neighbors(i, models, neighborCount);
      List<String[]> rows = neighbors.stream().filter(r -> r[0].equals(model)).toList();
      assertThat(rows).as("neighbours of %s", model).hasSize(expected.size());
      for (int r = 0; r < rows.size(); r++) {
        double kl = expected.get(r).klNats();
        assertThat(Double.parseDouble(rows.get(r)[3])).isCloseTo(kl, within(1e-9 * Math.max(kl, 1e-12)));
      }
    }
    List<String[]> qRows = ExportedCsv.rows(out.resolve("Q.csv"));
    assertThat(qRows).hasSize(models.size());
    for (String[] row : qRows) {
      double[] q = reference.q(models.indexOf(row[0]));
      for (int s = 0; s < q.length; s++) {
        assertThat(Double.parseDouble(row[s + 1])).isCloseTo(q[s], within(1e-9 * Math.max(1, Math.abs(q[s]))));
      }
    }
    return neighbors;
  }
}
