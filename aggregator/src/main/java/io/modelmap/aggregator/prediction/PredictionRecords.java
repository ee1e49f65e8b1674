package io.modelmap.aggregator.prediction;

import io.modelmap.math.predict.Folds;
import io.modelmap.schemas.avro.PredictionQuality;
import io.modelmap.schemas.avro.ScorePrediction;
import io.modelmap.schemas.avro.ScorePredictions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The records prediction publishes, from the current fits of its three methods: a model's
 * {@code score-predictions} (ridge-q, cpp and embedding side by side) and each fit's
 * {@code prediction-quality}.
 */
final class PredictionRecords {
  private final PredictionState state;
  private final CollaborativeState collaborative;
  private final EmbeddingForecasts forecasts;

  PredictionRecords(PredictionState state, CollaborativeState collaborative, EmbeddingForecasts forecasts) {
    this.state = state;
    this.collaborative = collaborative;
    this.forecasts = forecasts;
  }

  /** A model's record: ridge from the map of {@code corpus} ("" for none) and the collaborative fit. */
  ScorePredictions predictions(String corpus, String model) {
    List<ScorePrediction> list = new ArrayList<>();
    for (BenchmarkFit fit : corpus.isEmpty() ? List.<BenchmarkFit>of() : state.fits(corpus)) {
      Optional<Double> observed = state.observed(model, fit.benchmarkId());
      list.add(ScorePrediction.newBuilder().setBenchmarkId(fit.benchmarkId()).setMethod(PredictionProcessor.METHOD)
          .setPredicted(fit.predict(state.map(corpus), model)).setObserved(observed.orElse(null))
          .setOutOfFold(fit.outOfFold().get(model)).setTrainingModels(fit.training().size()).build());
    }
    collaborative.fit().ifPresent(fit -> list.addAll(collaborativePredictions(fit, model)));
    list.addAll(forecasts.entries(model, state::observed));
    list.sort(java.util.Comparator.comparing(ScorePrediction::getBenchmarkId, java.util.Comparator.comparing(
        CharSequence::toString)).thenComparing(p -> p.getMethod().toString()));
    return ScorePredictions.newBuilder().setModelId(model).setCorpusId(corpus)
        .setCompleteModels(corpus.isEmpty() ? 0 : state.map(corpus).models().size()).setPredictions(list).build();
  }

  private List<ScorePrediction> collaborativePredictions(CollaborativeFit fit, String model) {
    double[] toAxisModels = null;
    CorpusDistances map = fit.corpus().isEmpty() ? null : state.distances(fit.corpus());
    if (!fit.fitted(model) && map != null && map.contains(model)) {
      toAxisModels = fit.axisModels().stream().mapToDouble(other -> map.squared(model, other)).toArray();
    }
    double[] predicted = fit.predictAll(model, collaborative.facts(model), toAxisModels);
    List<ScorePrediction> list = new ArrayList<>();
    for (int t = 0; t < fit.tasks().size(); t++) {
      String benchmark = fit.tasks().get(t);
      list.add(ScorePrediction.newBuilder().setBenchmarkId(benchmark).setMethod(CollaborativeFit.METHOD)
          .setPredicted(predicted[t])
          .setObserved(state.observed(model, benchmark).orElse(null))
          .setOutOfFold(fit.outOfFold(model, benchmark).orElse(null)).setTrainingModels(fit.models()).build());
    }
    return list;
  }

  PredictionQuality ridgeQuality(BenchmarkFit fit) {
    return PredictionQuality.newBuilder().setBenchmarkId(fit.benchmarkId()).setMethod(PredictionProcessor.METHOD)
        .setCorpusId(fit.corpusId()).setModels(fit.training().size()).setFolds(fit.folds())
        .setGrouping(state.grouping().label()).setGroupedBy(fit.groupedBy()).setPearsonR(fit.pearsonR()).setSpearmanRho(fit.spearmanRho())
        .setAlpha(fit.alpha()).build();
  }

  List<PredictionQuality> collaborativeQuality(CollaborativeFit fit) {
    return fit.quality().stream().map(q -> PredictionQuality.newBuilder().setBenchmarkId(q.benchmarkId())
        .setMethod(CollaborativeFit.METHOD).setCorpusId(fit.corpus()).setModels(q.scores()).setFolds(fit.folds())
        .setGrouping(Folds.SCORES).setGroupedBy(Folds.SCORES).setPearsonR(q.pearsonR()).setSpearmanRho(q.spearmanRho())
        .setAlpha(CollaborativeSettings.DECAY).setMeanSquaredError(q.meanSquaredError())
        .setMeanAbsoluteError(q.ranks().meanAbsoluteError()).setRankAccuracy(q.ranks().rankAccuracy())
        .setMaeAt0(q.ranks().maeAt0()).setMaeAt2(q.ranks().maeAt2()).build()).toList();
  }
}
