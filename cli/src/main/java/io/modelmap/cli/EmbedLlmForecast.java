package io.modelmap.cli;

import io.modelmap.math.embed.BenchmarkForecast;
import io.modelmap.math.embed.CorrectnessMatrix;
import io.modelmap.math.embed.EmbedLlm;
import io.modelmap.math.embed.HashedTfIdfEncoder;
import io.modelmap.math.embed.SparseVector;
import io.modelmap.schemas.avro.McItem;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * EmbedLLM §5.3 on the answer table's categories, each held out in turn as "the benchmark": embeddings
 * trained on the other categories' questions alone, then {@link BenchmarkForecast} over random model
 * splits against the baseline of each model's accuracy on the other categories.
 */
final class EmbedLlmForecast {
  private static final int SPLITS = 100;

  private EmbedLlmForecast() {}

  static void print(List<McItem> questions, List<String> texts, CorrectnessMatrix correct, int bits,
      EmbedLlm.Settings settings, PrintStream out) {
    Map<String, List<Integer>> byCategory = new TreeMap<>();
    for (int q = 0; q < questions.size(); q++) {
      CharSequence subject = questions.get(q).getSubject();
      byCategory.computeIfAbsent(subject == null ? "" : subject.toString(), c -> new ArrayList<>()).add(q);
    }
    int models = correct.models();
    int testModels = Math.max(3, models / 3);
    out.printf("%nbenchmark accuracy from the embeddings (§5.3): each category held out of training; ridge on the"
        + " embeddings of %d models, Kendall's τ on the other %d, %d random splits; baseline: accuracy on the other"
        + " categories%n", models - testModels, testModels, SPLITS);
    out.printf("  %-20s %9s %10s %12s %10s %12s%n", "category", "questions", "probe τ", "significant", "baseline τ",
        "significant");
    for (Map.Entry<String, List<Integer>> category : byCategory.entrySet()) {
      List<Integer> others = new ArrayList<>();
      for (int q = 0; q < questions.size(); q++) {
        if (!category.getValue().contains(q)) {
          others.add(q);
        }
      }
      HashedTfIdfEncoder encoder = HashedTfIdfEncoder.fit(others.stream().map(texts::get).toList(), bits);
      List<SparseVector> encoded = texts.stream().map(encoder::encode).toList();
      EmbedLlm embedder = EmbedLlm.fit(models, encoder, encoded, correct.observations(others, -1), settings);
      double[][] embeddings = new double[models][];
      double[] accuracy = new double[models];
      double[] elsewhere = new double[models];
      for (int m = 0; m < models; m++) {
        embeddings[m] = embedder.embedding(m);
        accuracy[m] = correct.accuracy(m, category.getValue());
        elsewhere[m] = correct.accuracy(m, others);
      }
      BenchmarkForecast.Result r = BenchmarkForecast.of(embeddings, accuracy, elsewhere, SPLITS, testModels, 1);
      out.printf("  %-20s %9d %10.3f %11.0f%% %10.3f %11.0f%%%n", category.getKey(), category.getValue().size(),
          r.probeTau(), 100 * r.probeSignificant(), r.baselineTau(), 100 * r.baselineSignificant());
    }
  }
}
