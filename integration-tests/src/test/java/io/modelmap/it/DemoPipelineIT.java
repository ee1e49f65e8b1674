package io.modelmap.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.cli.ModelMapCli;
import io.modelmap.math.BatchReference;
import java.nio.file.Path;
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

    Path out = dir.resolve("out");
    ExportedMap map = ExportedMap.read(out);
    List<String> models = map.models();
    BatchReference ref = map.reference();
    assertThat(models).hasSize(10);
    assertThat(ref.logLikelihoods(0)).hasSize(200);
    List<String[]> neighbors = map.assertMatchesBatchReference(out, 10);
    String[] copyFirst = neighbors.stream().filter(r -> r[0].equals("modelmap-demo/tiny-a-copy")).findFirst().orElseThrow();
    assertThat(copyFirst[2]).isEqualTo("modelmap-demo/tiny-a");
    assertThat(Double.parseDouble(copyFirst[3])).isLessThanOrEqualTo(1e-9);
    int a = models.indexOf("modelmap-demo/tiny-a");
    assertThat(ref.klNats(a, models.indexOf("modelmap-demo/tiny-a-ft-small")))
        .isLessThan(ref.klNats(a, models.indexOf("modelmap-demo/tiny-b")))
        .isLessThan(ref.klNats(a, models.indexOf("modelmap-demo/tiny-c")));
    assertThat(ref.klNats(models.indexOf("modelmap-demo/tiny-b"), models.indexOf("modelmap-demo/tiny-b-ft")))
        .isLessThan(ref.klNats(models.indexOf("modelmap-demo/tiny-b"), a));

    List<String[]> agreement = ExportedCsv.rows(dir.resolve("out/agreement.csv"));
    assertThat(agreement).hasSize(45).allSatisfy(row -> assertThat(row[2]).isEqualTo("24"));
    String[] copy = agreement.stream().filter(r -> r[0].equals("modelmap-demo/tiny-a") && r[1].equals("modelmap-demo/tiny-a-copy"))
        .findFirst().orElseThrow();
    assertThat(copy[3]).as("a copy chooses the same option on every item").isEqualTo("24");
    assertThat(ExportedCsv.rows(dir.resolve("out/accuracy.csv"))).hasSize(10)
        .allSatisfy(row -> assertThat(row[1]).isEqualTo("24"));
  }

}
