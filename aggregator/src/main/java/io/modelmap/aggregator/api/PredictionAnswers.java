package io.modelmap.aggregator.api;

import io.modelmap.http.HttpError;
import io.modelmap.aggregator.api.body.BenchmarkBody;
import io.modelmap.aggregator.api.body.BenchmarkPointBody;
import io.modelmap.aggregator.api.body.PredictionBody;
import io.modelmap.aggregator.api.body.PredictionsBody;
import io.modelmap.aggregator.api.body.QualityBody;
import io.modelmap.schemas.avro.ScorePredictions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The API's answers on predicted benchmark scores: a model's predictions, each benchmark's quality and models. */
final class PredictionAnswers {
  private final ViewReader views;

  PredictionAnswers(ViewReader views) {
    this.views = views;
  }

  PredictionsBody model(String modelId) {
    return views.get(Views.PREDICTIONS, modelId).map(BodyMapping::predictions)
        .orElseThrow(() -> new HttpError(404, "no predictions for model '" + modelId + "': it is not complete, or no"
            + " benchmark has enough observed models yet (GET /api/benchmarks lists the fitted ones)"));
  }

  /** Every fitted benchmark's quality, by benchmark and method. */
  List<QualityBody> benchmarks() {
    List<QualityBody> all = new ArrayList<>(views.all(Views.QUALITY).stream().map(BodyMapping::quality).toList());
    all.sort(Comparator.comparing(QualityBody::benchmarkId).thenComparing(QualityBody::method));
    return all;
  }

  BenchmarkBody benchmark(String benchmarkId) {
    List<QualityBody> quality = benchmarks().stream().filter(q -> q.benchmarkId().equals(benchmarkId)).toList();
    if (quality.isEmpty()) {
      throw new HttpError(404, "benchmark '" + benchmarkId + "' is not fitted: it needs enough observed complete"
          + " models; GET /api/benchmarks lists the fitted ones");
    }
    List<BenchmarkPointBody> points = new ArrayList<>();
    for (ScorePredictions value : views.all(Views.PREDICTIONS)) {
      PredictionsBody model = BodyMapping.predictions(value);
      for (PredictionBody p : model.predictions()) {
        if (p.benchmarkId().equals(benchmarkId)) {
          points.add(new BenchmarkPointBody(model.modelId(), p.method(), p.predicted(), p.observed(), p.outOfFold()));
        }
      }
    }
    points.sort(Comparator.comparing(BenchmarkPointBody::modelId).thenComparing(BenchmarkPointBody::method));
    return new BenchmarkBody(benchmarkId, quality, points);
  }
}
