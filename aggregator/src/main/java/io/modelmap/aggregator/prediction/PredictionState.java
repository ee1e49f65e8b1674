package io.modelmap.aggregator.prediction;

import io.modelmap.math.predict.Folds;
import io.modelmap.math.predict.RidgeCrossValidation;
import io.modelmap.schemas.key.CompositeKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Everything prediction needs, in memory: groups of models, observed scores, each corpus's distances
 * and the current fits. A model that completes unobserved is predicted from the fits as they are
 * (O(|T|) per benchmark); a score or an observed model marks its fits for a refit, done in the background
 * from a {@link FitInput} snapshot.
 */
final class PredictionState {
  private final int minObserved;
  private final int folds;
  private final PredictionSettings.Grouping grouping;
  private final Map<String, String[]> metadata = new HashMap<>(); // model → {family, type}
  private final Map<String, Map<String, Double>> scores = new TreeMap<>(); // benchmark → model → value
  private final Map<String, CorpusDistances> corpora = new TreeMap<>(); // at one shard
  private final Map<String, CorpusRows> rowCorpora = new TreeMap<>(); // at S > 1
  private final Map<String, BenchmarkFit> fits = new HashMap<>(); // corpus/benchmark → fit
  private final Set<String> stale = new LinkedHashSet<>(); // corpus/benchmark keys to refit
  private final Set<String> analyticsStale = new LinkedHashSet<>(); // corpora whose analytics changed

  PredictionState(int minObserved, int folds, PredictionSettings.Grouping grouping) {
    this.minObserved = minObserved;
    this.folds = folds;
    this.grouping = grouping;
  }

  PredictionSettings.Grouping grouping() {
    return grouping;
  }

  /** A model's family and type; when its group changes, the fits it trains are redone. */
  void register(String model, String family, String type) {
    String before = groupOf(model);
    metadata.put(model, new String[] {family, type});
    if (!before.equals(groupOf(model))) {
      for (String corpus : corporaOf(model)) {
        scores.forEach((benchmark, observed) -> {
          if (observed.containsKey(model)) {
            stale.add(CompositeKey.of(corpus, benchmark));
          }
        });
      }
    }
  }

  /** A model's group: its family (or type), else the organisation of a Hugging Face id, else the id. */
  String groupOf(String model) {
    return Folds.groupOf(model, knownGroup(model));
  }

  /** A model's family (or type) as registered; null where unknown. */
  String knownGroup(String model) {
    String[] known = metadata.get(model);
    return known == null ? null : known[grouping == PredictionSettings.Grouping.FAMILY ? 0 : 1];
  }

  /** Every model's known family (or type), for a snapshot; models with none are absent. */
  Map<String, String> knownGroups() {
    Map<String, String> known = new HashMap<>();
    metadata.keySet().forEach(model -> {
      String group = knownGroup(model);
      if (group != null && !group.isBlank()) {
        known.put(model, group);
      }
    });
    return known;
  }

  void score(String model, String benchmark, double value) {
    scores.computeIfAbsent(benchmark, b -> new HashMap<>()).put(model, value);
    for (Map.Entry<String, CorpusDistances> corpus : corpora.entrySet()) {
      if (corpus.getValue().contains(model)) {
        stale.add(CompositeKey.of(corpus.getKey(), benchmark));
        analyticsStale.add(corpus.getKey());
      }
    }
    for (Map.Entry<String, CorpusRows> corpus : rowCorpora.entrySet()) {
      if (corpus.getValue().contains(model)) {
        corpus.getValue().keep(model); // a training row from now on
        stale.add(CompositeKey.of(corpus.getKey(), benchmark));
      }
    }
  }

  /** The corpora the model is complete on, by id. */
  private List<String> corporaOf(String model) {
    List<String> on = new ArrayList<>();
    corpora.forEach((corpus, map) -> {
      if (map.contains(model)) {
        on.add(corpus);
      }
    });
    rowCorpora.forEach((corpus, map) -> {
      if (map.contains(model)) {
        on.add(corpus);
      }
    });
    on.sort(null);
    return on;
  }

  Optional<Double> observed(String model, String benchmark) {
    return Optional.ofNullable(scores.getOrDefault(benchmark, Map.of()).get(model));
  }

  /** A model completed on a corpus; marks the fits it trains for a refit, and the corpus's analytics. */
  void complete(String corpus, String model, Double meanLogLikelihood, Map<String, Double> klToOthers) {
    corpora.computeIfAbsent(corpus, c -> new CorpusDistances()).add(model, meanLogLikelihood, klToOthers);
    analyticsStale.add(corpus);
    for (Map.Entry<String, Map<String, Double>> benchmark : scores.entrySet()) {
      if (benchmark.getValue().containsKey(model)) {
        stale.add(CompositeKey.of(corpus, benchmark.getKey()));
      }
    }
  }

  /**
   * A model completed on a corpus spread over shards, with its ξ row; marks the fits it trains for a refit.
   * Its row stays in memory only while it has a benchmark score; {@code stored} reads any complete row back.
   */
  void completeRow(String corpus, String model, double[] xi, Function<String, double[]> stored) {
    rowCorpora.computeIfAbsent(corpus, c -> new CorpusRows(stored)).add(model, xi, scored(model));
    for (Map.Entry<String, Map<String, Double>> benchmark : scores.entrySet()) {
      if (benchmark.getValue().containsKey(model)) {
        stale.add(CompositeKey.of(corpus, benchmark.getKey()));
      }
    }
  }

  /** The (corpus, benchmark) keys marked for a refit since the last call. */
  Set<String> drainStale() {
    Set<String> drained = new LinkedHashSet<>(stale);
    stale.clear();
    return drained;
  }

  /** Marks a key for a refit again (its refit was still running when it went stale). */
  void markStale(String key) {
    stale.add(key);
  }

  /** A snapshot for refitting a corpus/benchmark key, or empty when too few observed models (or groups) remain. */
  Optional<FitInput> fitInput(String key) {
    List<String> parts = CompositeKey.split(key);
    CorpusMap map = map(parts.get(0));
    Map<String, Double> known = scores.getOrDefault(parts.get(1), Map.of());
    List<String> training = map.models().stream().filter(known::containsKey).sorted().toList();
    List<String> groups = training.stream().map(this::groupOf).toList();
    if (training.size() < minObserved || groups.stream().distinct().count() < 2
        || !RidgeCrossValidation.feasible(groups, folds)) {
      return Optional.empty(); // a fit the protocol cannot make (a training fold of one model) would fail the task
    }
    String groupedBy = Folds.ofModels(training, this::knownGroup, grouping.label(), folds).groupedBy();
    return Optional.of(new FitInput(parts.get(0), parts.get(1), training, groups, groupedBy,
        map.ridgeData(training), training.stream().mapToDouble(known::get).toArray(), folds));
  }

  /** A refit's result: the key's new fit, or none when it has too few observed models now. */
  void install(String key, Optional<BenchmarkFit> fit) {
    fit.ifPresentOrElse(f -> fits.put(key, f), () -> fits.remove(key));
  }

  /** The current fits of a corpus, by benchmark id. */
  List<BenchmarkFit> fits(String corpus) {
    List<BenchmarkFit> list = new ArrayList<>();
    fits.forEach((key, fit) -> {
      if (fit.corpusId().equals(corpus)) {
        list.add(fit);
      }
    });
    list.sort(java.util.Comparator.comparing(BenchmarkFit::benchmarkId));
    return list;
  }

  /** The corpora whose analytics changed since the last call. */
  Set<String> drainAnalyticsStale() {
    Set<String> drained = new LinkedHashSet<>(analyticsStale);
    analyticsStale.clear();
    return drained;
  }

  /** The observed scores of every benchmark, by model. */
  Map<String, Map<String, Double>> scores() {
    return java.util.Collections.unmodifiableMap(scores);
  }

  int minObserved() {
    return minObserved;
  }

  /** A corpus's K × K distances (one shard); null at S &gt; 1, where none are sent. */
  CorpusDistances distances(String corpus) {
    return corpora.get(corpus);
  }

  /** A corpus's map for ridge from Q, its distances (one shard) or its rows (S &gt; 1); null when unknown. */
  CorpusMap map(String corpus) {
    CorpusDistances distances = corpora.get(corpus);
    return distances != null ? distances : rowCorpora.get(corpus);
  }

  /** Every corpus's distances, by corpus id. */
  Map<String, CorpusDistances> corpora() {
    return java.util.Collections.unmodifiableMap(corpora);
  }

  /** Whether any benchmark has a score of the model. */
  boolean scored(String model) {
    return scores.values().stream().anyMatch(byModel -> byModel.containsKey(model));
  }

  /** The first corpus (by id) the model is complete on, or "" when it is on none. */
  String corpusOf(String model) {
    List<String> on = corporaOf(model);
    return on.isEmpty() ? "" : on.get(0);
  }
}
