package io.modelmap.aggregator.prediction;

import io.modelmap.math.predict.GroupedFolds;
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
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * Everything prediction needs, in memory: groups of models, observed scores, each corpus's distances
 * and the current fits. A model that completes unobserved is predicted from the fits as they are
 * (O(|T|) per benchmark); a score or an observed model marks its fits for a refit, done in a batch.
 */
final class PredictionState {
  private final int minObserved;
  private final int folds;
  private final PredictionSettings.Grouping grouping;
  private final Map<String, String[]> metadata = new HashMap<>(); // model → {family, type}
  private final Map<String, Map<String, Double>> scores = new TreeMap<>(); // benchmark → model → value
  private final Map<String, CorpusDistances> corpora = new TreeMap<>();
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
      for (Map.Entry<String, CorpusDistances> corpus : corpora.entrySet()) {
        if (corpus.getValue().contains(model)) {
          scores.forEach((benchmark, observed) -> {
            if (observed.containsKey(model)) {
              stale.add(CompositeKey.of(corpus.getKey(), benchmark));
            }
          });
        }
      }
    }
  }

  /** A model's group: its family (or type), else the organisation of a Hugging Face id, else the id. */
  String groupOf(String model) {
    String[] known = metadata.get(model);
    String group = known == null ? null : known[grouping == PredictionSettings.Grouping.FAMILY ? 0 : 1];
    if (group != null && !group.isBlank()) {
      return group;
    }
    int slash = model.indexOf('/');
    return slash > 0 ? model.substring(0, slash) : model;
  }

  void score(String model, String benchmark, double value) {
    scores.computeIfAbsent(benchmark, b -> new HashMap<>()).put(model, value);
    for (Map.Entry<String, CorpusDistances> corpus : corpora.entrySet()) {
      if (corpus.getValue().contains(model)) {
        stale.add(CompositeKey.of(corpus.getKey(), benchmark));
        analyticsStale.add(corpus.getKey());
      }
    }
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

  /** Refits every stale (corpus, benchmark) with enough observed models; returns the corpora whose fits changed. */
  Set<String> refitStale() {
    Set<String> changed = new LinkedHashSet<>();
    for (String key : stale) {
      List<String> parts = CompositeKey.split(key);
      refit(parts.get(0), parts.get(1)).ifPresentOrElse(fit -> fits.put(key, fit), () -> fits.remove(key));
      changed.add(parts.get(0));
    }
    stale.clear();
    return changed;
  }

  private Optional<BenchmarkFit> refit(String corpus, String benchmark) {
    CorpusDistances distances = corpora.get(corpus);
    Map<String, Double> known = scores.getOrDefault(benchmark, Map.of());
    List<String> training = distances.models().stream().filter(known::containsKey).sorted().toList();
    List<String> groups = training.stream().map(this::groupOf).toList();
    if (training.size() < minObserved || groups.stream().distinct().count() < 2) {
      return Optional.empty();
    }
    double[][] d = distances.squared(training, training);
    double[] y = training.stream().mapToDouble(known::get).toArray();
    RidgeCrossValidation.Fit all = RidgeCrossValidation.fitAll(d, y, groups, folds);
    RidgeCrossValidation.OutOfFold held = RidgeCrossValidation.outOfFold(d, y, groups, folds);
    Map<String, Double> outOfFold = new HashMap<>();
    for (int i = 0; i < training.size(); i++) {
      outOfFold.put(training.get(i), held.outOfFold()[i]);
    }
    return Optional.of(new BenchmarkFit(corpus, benchmark, training, all.ridge(), all.alpha(), outOfFold,
        GroupedFolds.count(held.folds()), new PearsonsCorrelation().correlation(held.outOfFold(), y),
        new SpearmansCorrelation().correlation(held.outOfFold(), y)));
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

  CorpusDistances distances(String corpus) {
    return corpora.get(corpus);
  }
}
