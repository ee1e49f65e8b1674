package io.modelmap.cli.evaluation;

import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/**
 * One embedllm-eval split and dimension: test accuracies, and the validation accuracies the dimension is
 * chosen by; their mean ± standard deviation over seeds per dimension, and the test accuracy of the
 * dimension each seed's validation questions chose.
 */
record SeedScores(int dimension, long seed, double embedLlm, double knn, double router, double singleBest,
    double weightedRandom, double categoryRouter, double categoryCorrectness, double embedLlmValidation,
    double routerValidation) {

  static void printSummary(List<SeedScores> all) {
    TreeMap<Integer, List<SeedScores>> byDimension = all.stream()
        .collect(Collectors.groupingBy(SeedScores::dimension, TreeMap::new, Collectors.toList()));
    System.out.printf("%nover seeds (mean ± sample standard deviation, [min, max]):%n");
    byDimension.forEach((dimension, scores) -> {
      System.out.printf("  dimension %d, %d seeds%n", dimension, scores.size());
      line("correctness: EmbedLLM", scores, SeedScores::embedLlm);
      line("correctness: KNN", scores, SeedScores::knn);
      line("correctness: by category", scores, SeedScores::categoryCorrectness);
      line("router", scores, SeedScores::router);
      line("single best model", scores, SeedScores::singleBest);
      line("weighted random", scores, SeedScores::weightedRandom);
      line("router: by category", scores, SeedScores::categoryRouter);
      line("validation: correctness", scores, SeedScores::embedLlmValidation);
      line("validation: router", scores, SeedScores::routerValidation);
    });
    if (byDimension.size() > 1) {
      System.out.printf("  the dimension chosen on each seed's validation questions, its test accuracy:%n");
      chosen("correctness: EmbedLLM", all, SeedScores::embedLlmValidation, SeedScores::embedLlm);
      chosen("router", all, SeedScores::routerValidation, SeedScores::router);
    }
  }

  /** Per seed, the dimension with the highest {@code validation} accuracy (ties: the smaller); its {@code test}. */
  private static void chosen(String name, List<SeedScores> all, ToDoubleFunction<SeedScores> validation,
      ToDoubleFunction<SeedScores> test) {
    List<SeedScores> picks = all.stream().collect(Collectors.groupingBy(SeedScores::seed, TreeMap::new,
            Collectors.toList())).values().stream()
        .map(seed -> seed.stream().max(Comparator.comparingDouble(validation)
            .thenComparing(Comparator.comparingInt(SeedScores::dimension).reversed())).orElseThrow())
        .toList();
    line(name, picks, test);
    System.out.printf("    %-24s %s%n", "  chosen dimensions", picks.stream()
        .map(p -> "seed " + p.seed() + ": " + p.dimension()).collect(Collectors.joining(", ")));
  }

  private static void line(String name, List<SeedScores> scores, ToDoubleFunction<SeedScores> metric) {
    DescriptiveStatistics stats = new DescriptiveStatistics(scores.stream().mapToDouble(metric).toArray());
    System.out.printf("    %-24s %.4f ± %.4f [%.4f, %.4f]%n", name, stats.getMean(), stats.getStandardDeviation(),
        stats.getMin(), stats.getMax());
  }
}
