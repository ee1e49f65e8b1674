package io.modelmap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelmap.cli.ModelMapCli;
import io.modelmap.math.BatchReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline as {@code ./modelmap demo} runs it: real KRaft broker, registry, aggregator and a
 * CPU scorer with real DJL inference on 10 tiny GPT-2 checkpoints over 200 texts and the 24-item demo
 * benchmark. The published neighbours and Q equal the batch reference computed on the exported L; every
 * pair of models has agreement statistics over all 24 items, and a copy answers exactly like its original.
 */
class DemoPipelineIT {
  @TempDir
  Path dir;

  @Test
  void shouldMapDemoModelsLikeTheBatchReference() throws Exception {
    int exit = ModelMapCli.commandLine().execute("demo", "--texts", "200", "--data-dir",
        dir.resolve("data").toString(), "--export-to", dir.resolve("out").toString());
    assertThat(exit).isZero();

    List<String[]> lRows = ExportedCsv.rows(dir.resolve("out/L.csv"));
    List<String> models = lRows.stream().map(r -> r[0]).toList();
    double[][] l = lRows.stream().map(r -> java.util.Arrays.stream(r, 1, r.length)
        .mapToDouble(Double::parseDouble).toArray()).toArray(double[][]::new);
    assertThat(models).hasSize(10);
    assertThat(l[0]).hasSize(200);
    BatchReference ref = BatchReference.of(l);

    List<String[]> neighbors = ExportedCsv.rows(dir.resolve("out/neighbors.csv"));
    for (int i = 0; i < models.size(); i++) {
      String model = models.get(i);
      var expected = ref.neighbors(i, models, 10);
      List<String[]> rows = neighbors.stream().filter(r -> r[0].equals(model)).toList();
      assertThat(rows).hasSize(expected.size());
      for (int r = 0; r < rows.size(); r++) {
        double kl = expected.get(r).klNats();
        assertThat(Double.parseDouble(rows.get(r)[3])).isCloseTo(kl, within(1e-9 * Math.max(kl, 1e-12)));
      }
    }
    String[] copyFirst = neighbors.stream().filter(r -> r[0].equals("tiny-a-copy")).findFirst().orElseThrow();
    assertThat(copyFirst[2]).isEqualTo("tiny-a");
    assertThat(Double.parseDouble(copyFirst[3])).isLessThanOrEqualTo(1e-9);
    int a = models.indexOf("tiny-a");
    assertThat(ref.klNats(a, models.indexOf("tiny-a-ft-small")))
        .isLessThan(ref.klNats(a, models.indexOf("tiny-b")))
        .isLessThan(ref.klNats(a, models.indexOf("tiny-c")));
    assertThat(ref.klNats(models.indexOf("tiny-b"), models.indexOf("tiny-b-ft")))
        .isLessThan(ref.klNats(models.indexOf("tiny-b"), a));

    for (String[] row : ExportedCsv.rows(dir.resolve("out/Q.csv"))) {
      double[] q = ref.q(models.indexOf(row[0]));
      for (int s = 0; s < q.length; s++) {
        assertThat(Double.parseDouble(row[s + 1])).isCloseTo(q[s], within(1e-9 * Math.max(1, Math.abs(q[s]))));
      }
    }

    List<String[]> agreement = ExportedCsv.rows(dir.resolve("out/agreement.csv"));
    assertThat(agreement).hasSize(45).allSatisfy(row -> assertThat(row[2]).isEqualTo("24"));
    String[] copy = agreement.stream().filter(r -> r[0].equals("tiny-a") && r[1].equals("tiny-a-copy"))
        .findFirst().orElseThrow();
    assertThat(copy[3]).as("a copy chooses the same option on every item").isEqualTo("24");
    assertThat(ExportedCsv.rows(dir.resolve("out/accuracy.csv"))).hasSize(10)
        .allSatisfy(row -> assertThat(row[1]).isEqualTo("24"));
  }

}
