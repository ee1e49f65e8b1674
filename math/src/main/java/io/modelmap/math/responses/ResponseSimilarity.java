package io.modelmap.math.responses;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every pair of models compared on the prompts both answered: each prompt's responses compared pair
 * by pair ({@link ResponsePair}), summed exactly per pair ({@link PairSums}). Adding one response to a
 * prompt costs one comparison per other model that answered it, never a recomputation.
 */
public final class ResponseSimilarity {
  /** An unordered pair of models, {@code a} before {@code b}. */
  public record ModelPair(String a, String b) implements Comparable<ModelPair> {
    public static ModelPair of(String x, String y) {
      return x.compareTo(y) < 0 ? new ModelPair(x, y) : new ModelPair(y, x);
    }

    public String other(String model) {
      return model.equals(a) ? b : a;
    }

    @Override
    public int compareTo(ModelPair o) {
      int c = a.compareTo(o.a);
      return c != 0 ? c : b.compareTo(o.b);
    }
  }

  private final Map<String, Map<String, ResponsePair.Tokens>> byPrompt = new TreeMap<>();
  private final Map<ModelPair, PairSums> sums = new TreeMap<>();
  private final Map<String, String> vocabulary = new java.util.HashMap<>();

  /** Adds a model's response to a prompt: compared with every other model's response to it. */
  public void add(String model, String prompt, String response) {
    Map<String, ResponsePair.Tokens> responses = byPrompt.computeIfAbsent(prompt, p -> new TreeMap<>());
    if (responses.containsKey(model)) {
      throw new IllegalArgumentException(model + " already answered prompt " + prompt);
    }
    ResponsePair.Tokens tokens = ResponsePair.Tokens.of(response).interned(vocabulary);
    // the comparisons in parallel, the sums in order (they are exact, so the order would not matter)
    List<Map.Entry<String, ResponsePair>> compared = responses.entrySet().parallelStream()
        .map(o -> Map.entry(o.getKey(), ResponsePair.of(tokens, o.getValue()))).toList();
    for (Map.Entry<String, ResponsePair> c : compared) {
      sums.computeIfAbsent(ModelPair.of(model, c.getKey()), k -> new PairSums()).add(c.getValue());
    }
    responses.put(model, tokens);
  }

  /** Every pair that shares a prompt, in order of the pair. */
  public Map<ModelPair, PairSums> pairs() {
    return sums;
  }

  /** A model's nearest models by mean ROUGE-L F1 (higher first, ties by id). */
  public List<ModelPair> nearest(String model, int k) {
    List<ModelPair> mine = new ArrayList<>();
    for (ModelPair pair : sums.keySet()) {
      if (pair.a().equals(model) || pair.b().equals(model)) {
        mine.add(pair);
      }
    }
    mine.sort(Comparator.comparingDouble((ModelPair p) -> -sums.get(p).means().rougeL())
        .thenComparing(p -> p.other(model)));
    return mine.subList(0, Math.min(k, mine.size()));
  }

  /** Pairs that are each other's nearest by ROUGE-L. */
  public List<ModelPair> mutualNearest() {
    Map<String, ModelPair> nearest = new TreeMap<>();
    for (String model : models()) {
      nearest(model, 1).forEach(pair -> nearest.put(model, pair));
    }
    List<ModelPair> out = new ArrayList<>();
    for (ModelPair pair : sums.keySet()) {
      if (pair.equals(nearest.get(pair.a())) && pair.equals(nearest.get(pair.b()))) {
        out.add(pair);
      }
    }
    return out;
  }

  public List<String> models() {
    List<String> models = new ArrayList<>();
    byPrompt.values().forEach(r -> r.keySet().stream().filter(m -> !models.contains(m)).forEach(models::add));
    models.sort(null);
    return models;
  }
}
