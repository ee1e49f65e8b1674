package io.modelmap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelmap.cli.ModelMapCli;
import io.modelmap.math.BatchReference;
import io.modelmap.math.Neighbor;
import io.modelmap.formats.csv.CsvFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code modelmap import --embedded --export-to}: a real KRaft broker, the embedded registry and the
 * aggregator; the exported Q and neighbours equal the batch reference on the same L, and importing
 * the export into a fresh system reproduces the same neighbors.csv.
 */
class ImportExportIT {
  private static final int K = 7;
  private static final int N = 220;
  // Hugging Face ids (one with @revision) and a printable name with '%', '/' and quotes
  private static final List<String> MODELS = List.of("EleutherAI/pythia-160m", "EleutherAI/pythia-160m@step143000",
      "EleutherAI/pythia-160m-deduped", "meta-llama/Llama-3.2-1B", "meta-llama/Llama-3.2-1B-Instruct",
      "stabilityai/stablelm-2-1_6b", "acme/mix 50%/\"ab\"");

  @TempDir
  Path dir;

  private static double[][] matrix() {
    Random r = new Random(3);
    double[][] bases = new double[3][N];
    for (double[] base : bases) {
      for (int s = 0; s < N; s++) {
        base[s] = -900 - 300 * r.nextDouble() - (r.nextInt(50) == 0 ? 2000 : 0);
      }
    }
    double[][] l = new double[K][N];
    for (int s = 0; s < N; s++) {
      l[0][s] = bases[0][s];
      l[1][s] = bases[0][s];
      l[2][s] = bases[0][s] - 4 + 2 * r.nextGaussian();
      l[3][s] = bases[1][s];
      l[4][s] = bases[1][s] + 6 * r.nextGaussian();
      l[5][s] = bases[2][s];
      l[6][s] = 0.5 * bases[0][s] + 0.5 * bases[1][s];
    }
    return l;
  }

  /** Text ids as real corpora have them: spaces, commas, quotes, '/', '%' and non-ASCII. */
  private static String textId(int s) {
    return String.format("Pile-CC/%02d.jsonl:%d, \"Größe\" 5%%#%d", s % 3, s, s % 2);
  }

  private void writeInputs(Path folder, double[][] l) throws IOException {
    Files.createDirectories(folder);
    try (CSVPrinter texts = CsvFiles.writer(folder.resolve("texts.csv"), List.of("text_id", "category", "bytes"))) {
      for (int s = 0; s < N; s++) {
        texts.printRecord(textId(s), s % 2 == 0 ? "prose" : "code", 700 + s);
      }
    }
    List<String> header = new ArrayList<>(List.of("model_id"));
    for (int s = 0; s < N; s++) {
      header.add(textId(s));
    }
    try (CSVPrinter matrix = CsvFiles.writer(folder.resolve("L.csv"), header)) {
      for (int i = 0; i < K; i++) {
        List<Object> row = new ArrayList<>(List.of(MODELS.get(i)));
        for (double v : l[i]) {
          row.add(CsvFiles.number(v));
        }
        matrix.printRecord(row);
      }
      matrix.printRecord("broken-row", "1.5"); // wrong field count and positive: reported, skipped
      List<Object> badId = new ArrayList<>(List.of("bad\u0007id"));
      for (double v : l[0]) {
        badId.add(CsvFiles.number(v));
      }
      matrix.printRecord(badId); // a control character in the id: reported, skipped
    }
  }

  @Test
  void shouldMatchBatchReferenceAndRoundTripThroughExport() throws Exception {
    double[][] l = matrix();
    writeInputs(dir.resolve("in"), l);

    int exit = ModelMapCli.commandLine().execute("import", "--embedded", "--data-dir", dir.resolve("run1").toString(),
        "--matrix", dir.resolve("in/L.csv").toString(), "--texts", dir.resolve("in/texts.csv").toString(),
        "--export-to", dir.resolve("out1").toString());

    assertThat(exit).as("exit code 1 reports the skipped broken rows").isEqualTo(1);
    assertThat(ExportedCsv.rows(dir.resolve("out1/texts.csv"))).extracting(r -> r[0])
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, N).mapToObj(ImportExportIT::textId).toList());
    BatchReference ref = BatchReference.of(l);
    List<String[]> neighbors = ExportedCsv.rows(dir.resolve("out1/neighbors.csv"));
    for (int i = 0; i < K; i++) {
      List<Neighbor> expected = ref.neighbors(i, MODELS, 10);
      String model = MODELS.get(i);
      List<String[]> rows = neighbors.stream().filter(r -> r[0].equals(model)).toList();
      assertThat(rows).hasSize(expected.size());
      for (int r = 0; r < rows.size(); r++) {
        double kl = expected.get(r).klNats();
        assertThat(Double.parseDouble(rows.get(r)[3])).isCloseTo(kl, within(1e-9 * Math.max(kl, 1e-12)));
        assertThat(rows.get(r)[5]).isEqualTo(String.valueOf(N));
      }
    }
    assertThat(neighbors.stream().filter(r -> r[0].equals(MODELS.get(1))).findFirst().orElseThrow())
        .satisfies(first -> {
          assertThat(first[2]).isEqualTo(MODELS.get(0));
          assertThat(Double.parseDouble(first[3])).isLessThanOrEqualTo(1e-9);
        });
    List<String[]> q = ExportedCsv.rows(dir.resolve("out1/Q.csv"));
    assertThat(q).hasSize(K);
    for (String[] row : q) {
      double[] expected = ref.q(MODELS.indexOf(row[0]));
      for (int s = 0; s < N; s++) {
        assertThat(Double.parseDouble(row[s + 1])).isCloseTo(expected[s], within(1e-9 * Math.max(1, Math.abs(expected[s]))));
      }
    }
    assertThat(ExportedCsv.rows(dir.resolve("out1/models.csv"))).hasSize(K)
        .allSatisfy(row -> assertThat(row[3]).isEqualTo("true"));

    int again = ModelMapCli.commandLine().execute("import", "--embedded", "--data-dir", dir.resolve("run2").toString(),
        "--matrix", dir.resolve("out1/L.csv").toString(), "--texts", dir.resolve("out1/texts.csv").toString(),
        "--export-to", dir.resolve("out2").toString());

    assertThat(again).isZero();
    assertThat(Files.readString(dir.resolve("out2/neighbors.csv")))
        .isEqualTo(Files.readString(dir.resolve("out1/neighbors.csv")));
    assertThat(Files.readString(dir.resolve("out2/L.csv"))).isEqualTo(Files.readString(dir.resolve("out1/L.csv")));
  }

}
