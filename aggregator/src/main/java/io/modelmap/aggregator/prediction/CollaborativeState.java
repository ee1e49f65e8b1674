package io.modelmap.aggregator.prediction;

import io.modelmap.math.collab.ScoreMatrix;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What collaborative prediction keeps beside the scores: the facts of registered models and
 * benchmarks, the current fit, and whether a refit is due. Any change that would enter a fit (a score,
 * a scored model's facts or place on the map, a benchmark's facts) marks it stale; the refit starts once
 * nothing has changed for the debounce, so a bulk import costs one refit.
 */
final class CollaborativeState {
  private final CollaborativeSettings settings;
  private final Map<String, ModelFacts> models = new HashMap<>();
  private final Map<String, TaskFacts> registeredTasks = new HashMap<>();
  private final Map<String, TaskFacts> scoreFacts = new HashMap<>(); // benchmark → shots and metric of its scores
  private boolean stale;
  private long changedAtMs;
  private CollaborativeFit fit;

  CollaborativeState(CollaborativeSettings settings) {
    this.settings = settings;
  }

  void register(String model, ModelFacts facts) {
    models.put(model, facts);
  }

  void registerTask(String benchmark, TaskFacts facts) {
    registeredTasks.put(benchmark, facts);
  }

  /** The shots and metric a benchmark's scores carry, used where benchmark-registered says nothing. */
  void scoreFacts(String benchmark, Integer shots, String metric) {
    scoreFacts.put(benchmark, new TaskFacts(null, null, null, shots, metric));
  }

  ModelFacts facts(String model) {
    return models.getOrDefault(model, ModelFacts.UNKNOWN);
  }

  void changed(long nowMs) {
    stale = true;
    changedAtMs = nowMs;
  }

  /** Whether a refit is due: something changed, and nothing has for the debounce. */
  boolean due(long nowMs) {
    return stale && nowMs - changedAtMs >= settings.debounce().toMillis();
  }

  /**
   * A snapshot for a refit, clearing the stale mark; empty when fewer than {@code minScores} scores (or
   * two models) are known. The Q factors come from the corpus with the most complete models.
   */
  Optional<CollaborativeInput> input(Map<String, Map<String, Double>> scores, Map<String, CorpusDistances> corpora) {
    stale = false;
    List<String> tasks = new ArrayList<>(scores.keySet()); // sorted: the scores map is a TreeMap
    TreeMap<String, Integer> modelIndex = new TreeMap<>();
    scores.values().forEach(byModel -> byModel.keySet().forEach(m -> modelIndex.put(m, 0)));
    List<String> scored = new ArrayList<>(modelIndex.keySet());
    for (int m = 0; m < scored.size(); m++) {
      modelIndex.put(scored.get(m), m);
    }
    List<ScoreMatrix.Cell> cells = new ArrayList<>();
    for (int t = 0; t < tasks.size(); t++) {
      for (Map.Entry<String, Double> score : new TreeMap<>(scores.get(tasks.get(t))).entrySet()) {
        cells.add(new ScoreMatrix.Cell(modelIndex.get(score.getKey()), t, score.getValue()));
      }
    }
    if (cells.size() < settings.minScores() || scored.size() < 2) {
      return Optional.empty();
    }
    String corpus = corpora.entrySet().stream()
        .max(Comparator.<Map.Entry<String, CorpusDistances>>comparingInt(e -> e.getValue().models().size())
            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
        .map(Map.Entry::getKey).orElse("");
    List<String> mapModels = corpus.isEmpty() ? List.of() : List.copyOf(corpora.get(corpus).models());
    double[][] mapSquared = corpus.isEmpty() ? new double[0][0] : corpora.get(corpus).squared(mapModels, mapModels);
    List<TaskFacts> taskFacts = tasks.stream().map(this::taskFacts).toList();
    return Optional.of(new CollaborativeInput(scored, scored.stream().map(this::facts).toList(), tasks, taskFacts,
        cells, corpus, mapModels, mapSquared, settings));
  }

  private TaskFacts taskFacts(String benchmark) {
    TaskFacts fromScores = scoreFacts.getOrDefault(benchmark, TaskFacts.UNKNOWN);
    return registeredTasks.getOrDefault(benchmark, TaskFacts.UNKNOWN).orFromScore(fromScores.shots(),
        fromScores.metric());
  }

  void install(Optional<CollaborativeFit> fit) {
    this.fit = fit.orElse(null);
  }

  Optional<CollaborativeFit> fit() {
    return Optional.ofNullable(fit);
  }

  /** Every model collaborative prediction speaks for: registered or scored. */
  java.util.SortedSet<String> models(Map<String, Map<String, Double>> scores) {
    java.util.SortedSet<String> all = new java.util.TreeSet<>(models.keySet());
    scores.values().forEach(byModel -> all.addAll(byModel.keySet()));
    return all;
  }
}
