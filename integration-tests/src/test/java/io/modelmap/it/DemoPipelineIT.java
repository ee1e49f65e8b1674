package io.modelmap.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.cli.ModelMapCli;
import io.modelmap.math.BatchReference;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline as {@code ./modelmap demo} runs it: real KRaft broker, registry, aggregator and a
 * CPU scorer with real DJL inference on the committed zoo (ten small GPT-2s trained by
 * {@code modelmap train}, merged and rounded) over 200 texts and the 60-item continuation benchmark.
 * The published neighbours and Q equal the batch reference computed on the exported L, and the map
 * shows what the zoo was built to show.
 */
class DemoPipelineIT {
  private static final String ORG = "modelmap-demo/";
  private static final double LN_256 = Math.log(256);

  @TempDir
  Path dir;

  private List<String> models;
  private BatchReference ref;
  private double meanTextBytes;

  private double bitsPerByte(String a, String b) {
    return ref.klNats(models.indexOf(ORG + a), models.indexOf(ORG + b)) / meanTextBytes / Math.log(2);
  }

  @Test
  void mapsTheTrainedZooLikeTheBatchReferenceAndShowsItsStructure() throws Exception {
    int exit = ModelMapCli.commandLine().execute("demo", "--texts", "200", "--respond", "--data-dir",
        dir.resolve("data").toString(), "--export-to", dir.resolve("out").toString());
    assertThat(exit).isZero();
    assertResponsesPlaceDerivedModelsNearTheirBase(dir.resolve("out"));

    Path out = dir.resolve("out");
    ExportedMap map = ExportedMap.read(out);
    models = map.models();
    ref = map.reference();
    assertThat(models).hasSize(10);
    map.assertMatchesBatchReference(out, 10);
    List<String[]> texts = ExportedCsv.rows(out.resolve("texts.csv"));
    assertThat(texts).hasSize(200);
    meanTextBytes = texts.stream().mapToDouble(t -> Double.parseDouble(t[2])).average().orElseThrow();

    assertThat(bitsPerByte("prose-a-copy", "prose-a")).as("the exact copy").isLessThanOrEqualTo(1e-12);
    for (String other : others("code-a-rounded", "code-a")) {
      assertThat(bitsPerByte("code-a-rounded", "code-a")).as("the rounded copy nearer its original than %s", other)
          .isLessThan(bitsPerByte("code-a-rounded", other));
    }
    for (String tune : List.of("prose-a-legal-light", "prose-a-legal-heavy", "prose-a-tables")) {
      for (String base : List.of("prose-b", "code-a", "code-b")) {
        assertThat(bitsPerByte(tune, "prose-a")).as("%s nearer its base than %s", tune, base)
            .isLessThan(bitsPerByte(tune, base));
      }
    }
    double parents = bitsPerByte("prose-a-legal-heavy", "prose-a-tables");
    assertThat(bitsPerByte("prose-a-merge", "prose-a-legal-heavy")).as("merge to a parent").isLessThan(parents);
    assertThat(bitsPerByte("prose-a-merge", "prose-a-tables")).as("merge to the other parent").isLessThan(parents);
    double codeBases = bitsPerByte("code-a", "code-b");
    for (String code : List.of("code-a", "code-b")) {
      for (String prose : List.of("prose-a", "prose-b")) {
        assertThat(codeBases).as("the code bases nearer each other than %s to %s", code, prose)
            .isLessThan(bitsPerByte(code, prose));
      }
    }
    for (int i = 0; i < models.size(); i++) {
      for (int j = i + 1; j < models.size(); j++) {
        String a = models.get(i).substring(ORG.length());
        String b = models.get(j).substring(ORG.length());
        if (!(a + b).equals("prose-aprose-a-copy")) {
          assertThat(bitsPerByte(a, b)).as("%s and %s", a, b).isBetween(1e-4, 1.0);
        }
      }
      double bytes = texts.stream().mapToDouble(t -> Double.parseDouble(t[2])).sum();
      double total = java.util.Arrays.stream(ref.logLikelihoods(i)).sum();
      assertThat(total / bytes).as("%s: nats per byte above uniform bytes", models.get(i)).isGreaterThan(-LN_256);
    }
    List<String[]> accuracy = ExportedCsv.rows(out.resolve("accuracy.csv"));
    assertThat(accuracy).hasSize(10).allSatisfy(row -> {
      assertThat(row[1]).isEqualTo("60");
      assertThat(Double.parseDouble(row[3])).as("%s on the continuation benchmark (chance 0.25)", row[0])
          .isGreaterThan(0.5);
    });
  }

  private List<String> others(String... except) {
    List<String> excluded = java.util.Arrays.stream(except).map(e -> ORG + e).toList();
    return models.stream().filter(m -> !excluded.contains(m)).map(m -> m.substring(ORG.length())).toList();
  }

  /**
   * The zoo continued 40 demo openings (KV-cached greedy generation in the scorer): by mean ROUGE-L of
   * their responses, every fine-tune, the merge and the copy are nearer prose-a than any other base, the
   * rounded copy nearer code-a, the copy identical; lineage.csv names the models both views agree on.
   */
  private static void assertResponsesPlaceDerivedModelsNearTheirBase(Path out) throws Exception {
    Map<String, Double> rougeL = new java.util.HashMap<>();
    for (String[] row : ExportedCsv.rows(out.resolve("response-similarity.csv"))) {
      assertThat(Long.parseLong(row[2])).as("prompts of %s/%s", row[0], row[1]).isEqualTo(40);
      rougeL.put(shortName(row[0]) + " " + shortName(row[1]), Double.parseDouble(row[5]));
      rougeL.put(shortName(row[1]) + " " + shortName(row[0]), Double.parseDouble(row[5]));
    }
    assertThat(rougeL).hasSize(2 * 45);
    List<String> bases = List.of("prose-a", "prose-b", "code-a", "code-b");
    Map<String, String> derived = Map.of("prose-a-legal-light", "prose-a", "prose-a-legal-heavy", "prose-a",
        "prose-a-tables", "prose-a", "prose-a-merge", "prose-a", "prose-a-copy", "prose-a", "code-a-rounded", "code-a");
    derived.forEach((model, base) -> {
      for (String other : bases) {
        if (!other.equals(base)) {
          assertThat(rougeL.get(model + " " + base)).as("%s's responses nearer %s than %s", model, base, other)
              .isGreaterThan(rougeL.get(model + " " + other));
        }
      }
    });
    assertThat(rougeL.get("prose-a-copy prose-a")).as("the exact copy says the same").isEqualTo(1.0);
    List<String[]> lineage = ExportedCsv.rows(out.resolve("lineage.csv"));
    assertThat(lineage).hasSize(10);
    for (String[] row : lineage) {
      if (shortName(row[0]).equals("prose-a-copy")) {
        assertThat(row[3]).as("the copy's base in both views").contains("modelmap-demo/prose-a");
      }
    }
  }

  private static String shortName(String id) {
    return id.substring(id.indexOf('/') + 1);
  }
}
