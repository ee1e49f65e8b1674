package io.modelmap.eval.embedllm;

import io.modelmap.math.embed.BenchmarkForecast;
import io.modelmap.math.embed.CorrectnessMatrix;
import io.modelmap.math.embed.EmbedLlm;
import io.modelmap.math.embed.QuestionEncoder;
import io.modelmap.math.embed.SparseVector;
import io.modelmap.schemas.avro.McItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * EmbedLLM §5.3 on the answer table's categories, each held out in turn as "the benchmark": embeddings
 * trained on the other categories' questions alone, then {@link BenchmarkForecast} over random model
 * splits against the baseline of each model's accuracy on the other categories.
 */
public final class EmbedLlmForecast {
  /** Random model splits per category. */
  public static final int SPLITS = 100;

  private EmbedLlmForecast() {}

  /**
   * One held-out category's result.
   *
   * @param category the category (its questions' subject; "" where a question has none)
   * @param questions its questions
   * @param result the probe's and the baseline's τ and shares significant
   */
  public record CategoryForecast(String category, int questions, BenchmarkForecast.Result result) {}

  /** Models whose accuracy is forecast in each split: a third of them, at least 3. */
  public static int testModels(int models) {
    return Math.max(3, models / 3);
  }

  /** Question indices by category (subject; "" for none), categories in sorted order. */
  public static Map<String, List<Integer>> byCategory(List<McItem> questions) {
    Map<String, List<Integer>> byCategory = new TreeMap<>();
    for (int q = 0; q < questions.size(); q++) {
      CharSequence subject = questions.get(q).getSubject();
      byCategory.computeIfAbsent(subject == null ? "" : subject.toString(), c -> new ArrayList<>()).add(q);
    }
    return byCategory;
  }

  /**
   * Holds out each category in turn, handing each {@link CategoryForecast} to {@code each} as it is done
   * (one training per category).
   *
   * @param texts the questions' texts, by question index
   * @param encoding the question encoder, fitted on the other categories' texts
   */
  public static void run(List<McItem> questions, List<String> texts, CorrectnessMatrix correct, QuestionEncoding encoding,
      EmbedLlm.Settings settings, Consumer<CategoryForecast> each) {
    int models = correct.models();
    int testModels = testModels(models);
    for (Map.Entry<String, List<Integer>> category : byCategory(questions).entrySet()) {
      List<Integer> others = new ArrayList<>();
      for (int q = 0; q < questions.size(); q++) {
        if (!category.getValue().contains(q)) {
          others.add(q);
        }
      }
      QuestionEncoder encoder = encoding.fit(others.stream().map(texts::get).toList());
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
      each.accept(new CategoryForecast(category.getKey(), category.getValue().size(),
          BenchmarkForecast.of(embeddings, accuracy, elsewhere, SPLITS, testModels, 1)));
    }
  }
}
