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
    CorpusDistances map = corpus.isEmpty() ? null : corpora.get(corpus);
    List<String> axisModels = map == null ? List.of() : axisModels(map, scored);
    double[][] axisSquared = map == null ? new double[0][0] : map.squared(axisModels, axisModels);
    double[][] scoredToAxes = map == null ? new double[scored.size()][] : toAxes(map, scored, axisModels, axisSquared);
    List<TaskFacts> taskFacts = tasks.stream().map(this::taskFacts).toList();
    return Optional.of(new CollaborativeInput(scored, scored.stream().map(this::facts).toList(), tasks, taskFacts,
        cells, corpus, axisModels, axisSquared, scoredToAxes, settings));
  }

  /** Each scored model's squared distances to the axis models (an axis model's row is already in hand); null off the map. */
  private static double[][] toAxes(CorpusDistances map, List<String> scored, List<String> axisModels,
      double[][] axisSquared) {
    Map<String, Integer> axisRow = new HashMap<>();
    for (int a = 0; a < axisModels.size(); a++) {
      axisRow.put(axisModels.get(a), a);
    }
    double[][] rows = new double[scored.size()][];
    for (int m = 0; m < scored.size(); m++) {
      String model = scored.get(m);
      Integer a = axisRow.get(model);
      if (a != null) {
        rows[m] = axisSquared[a];
      } else if (map.contains(model)) {
        rows[m] = map.squared(List.of(model), axisModels)[0];
      }
    }
    return rows;
  }

  /**
   * The models whose classical scaling gives the Q factors: every model of the map up to
   * {@link CollaborativeSettings#MAX_AXIS_MODELS}; beyond that the scored ones first, then the rest in id
   * order (the eigendecomposition is O(A³): at K = 10,000 every model would take hours). Other models
   * are placed on these axes from their distances (Gower).
   */
  private static List<String> axisModels(CorpusDistances map, List<String> scored) {
    if (map.models().size() <= CollaborativeSettings.MAX_AXIS_MODELS) {
      return List.copyOf(map.models());
    }
    java.util.LinkedHashSet<String> chosen = new java.util.LinkedHashSet<>();
    scored.stream().filter(map::contains).limit(CollaborativeSettings.MAX_AXIS_MODELS).forEach(chosen::add);
    map.models().stream().sorted().filter(m -> !chosen.contains(m))
        .limit(CollaborativeSettings.MAX_AXIS_MODELS - chosen.size()).forEach(chosen::add);
    return List.copyOf(chosen);
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
