package io.modelmap.math.responses;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Lineage from two views (WildChat-50M beside the map): a model's nearest models by KL and by response
 * similarity (mean ROUGE-L F1), and the models in both. A fine-tune near its base in likelihoods and
 * in what it says is evidence neither view gives alone.
 */
public final class Lineage {
  private Lineage() {}

  /** One model's neighbours in each view, nearest first, and those in both (in KL order). */
  public record Entry(String model, List<String> byKl, List<String> byResponses, List<String> agreeing) {}

  /**
   * @param klNeighbors each model's neighbour list by KL, nearest first
   * @param rougeL each pair's mean ROUGE-L F1
   * @param k neighbours kept per view
   */
  public static List<Entry> of(Map<String, List<String>> klNeighbors, Map<ResponseSimilarity.ModelPair, Double> rougeL,
      int k) {
    TreeSet<String> models = new TreeSet<>(klNeighbors.keySet());
    rougeL.keySet().forEach(p -> {
      models.add(p.a());
      models.add(p.b());
    });
    List<Entry> entries = new ArrayList<>();
    for (String model : models) {
      List<String> kl = klNeighbors.getOrDefault(model, List.of()).stream().limit(k).toList();
      List<String> responses = rougeL.entrySet().stream()
          .filter(e -> e.getKey().a().equals(model) || e.getKey().b().equals(model))
          .sorted(Map.Entry.<ResponseSimilarity.ModelPair, Double>comparingByValue().reversed()
              .thenComparing(e -> e.getKey().other(model)))
          .limit(k).map(e -> e.getKey().other(model)).toList();
      entries.add(new Entry(model, kl, responses, kl.stream().filter(responses::contains).toList()));
    }
    return entries;
  }
}
