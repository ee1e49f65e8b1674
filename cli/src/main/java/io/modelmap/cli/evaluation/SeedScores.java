package io.modelmap.cli.evaluation;

import java.util.List;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/** One embedllm-eval split's test accuracies, and their mean ± standard deviation over seeds per dimension. */
record SeedScores(int dimension, long seed, double embedLlm, double knn, double router, double singleBest,
    double weightedRandom) {

  static void printSummary(List<SeedScores> all) {
    TreeMap<Integer, List<SeedScores>> byDimension = all.stream()
        .collect(Collectors.groupingBy(SeedScores::dimension, TreeMap::new, Collectors.toList()));
    System.out.printf("%nover seeds (mean ± sample standard deviation, [min, max]):%n");
    byDimension.forEach((dimension, scores) -> {
      System.out.printf("  dimension %d, %d seeds%n", dimension, scores.size());
      line("correctness: EmbedLLM", scores, SeedScores::embedLlm);
      line("correctness: KNN", scores, SeedScores::knn);
      line("router", scores, SeedScores::router);
      line("single best model", scores, SeedScores::singleBest);
      line("weighted random", scores, SeedScores::weightedRandom);
    });
  }

  private static void line(String name, List<SeedScores> scores, ToDoubleFunction<SeedScores> metric) {
    DescriptiveStatistics stats = new DescriptiveStatistics(scores.stream().mapToDouble(metric).toArray());
    System.out.printf("    %-24s %.4f ± %.4f [%.4f, %.4f]%n", name, stats.getMean(), stats.getStandardDeviation(),
        stats.getMin(), stats.getMax());
  }
}
