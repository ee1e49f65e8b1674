package io.modelmap.aggregator.api;

import io.modelmap.http.HttpError;
import io.modelmap.aggregator.api.body.AgreementBody;
import io.modelmap.aggregator.api.body.AnalyticsBody;
import io.modelmap.aggregator.api.body.JudgeBody;
import io.modelmap.aggregator.api.body.JudgeRowBody;
import io.modelmap.aggregator.api.body.KlBody;
import io.modelmap.aggregator.api.body.KlMatrixBody;
import io.modelmap.aggregator.api.body.MapBody;
import io.modelmap.aggregator.api.body.MapPointBody;
import io.modelmap.aggregator.api.body.ModelBody;
import io.modelmap.math.KlDivergence;
import io.modelmap.schemas.avro.CoordinateFrame;
import io.modelmap.schemas.avro.ErrorAgreement;
import io.modelmap.schemas.avro.ModelAnalytics;
import io.modelmap.schemas.avro.ModelCoordinates;
import io.modelmap.schemas.avro.ModelPosition;
import io.modelmap.math.agreement.JudgeTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The API answers computed from several views: the map, its analytics, pairwise KL, the judge table. */
final class Analyses {
  /** Rows of the KL heatmap at most: each needs a model's ξ row (N values) from the views. */
  static final int MAX_KL_MATRIX = 300;
  private final ViewReader views;
  private final ModelCatalog catalog;

  Analyses(ViewReader views, ModelCatalog catalog) {
    this.views = views;
    this.catalog = catalog;
  }

  /** The map of one corpus (or of each, when several exist and none is named). */
  Object map(String corpus) {
    List<CoordinateFrame> all = views.all(Views.FRAMES);
    List<CoordinateFrame> frames = new ArrayList<>(all);
    frames.removeIf(f -> corpus != null && !corpus.equals(f.getCorpusId()));
    if (frames.isEmpty()) {
      throw new HttpError(404, corpus == null ? "no model is complete yet, so there is no map"
          : "no map for corpus '" + corpus + "'");
    }
    Map<String, ModelBody> models = new LinkedHashMap<>();
    catalog.models(all).forEach(m -> models.put(m.modelId(), m));
    List<MapBody> maps = new ArrayList<>();
    for (CoordinateFrame frame : frames) {
      List<MapPointBody> points = new ArrayList<>();
      for (ModelPosition position : frame.getPositions()) {
        ModelBody model = models.get(position.getModelId());
        points.add(new MapPointBody(position.getModelId(), BodyMapping.orZero(position.getX()),
            BodyMapping.orZero(position.getY()), position.getPrimaryCategory(),
            model == null ? null : model.family(), model == null ? null : model.modelType(),
            model == null ? null : model.meanLogLikelihood(), model == null ? null : model.accuracy()));
      }
      maps.add(new MapBody(frame.getCorpusId(), frame.getModelCount(), frame.getMapMethod(), frame.getMeanTextBytes(),
          points));
    }
    return corpus != null || maps.size() == 1 ? maps.get(0) : maps;
  }

  /** A corpus's analytics (or the only corpus's, when none is named). */
  AnalyticsBody analytics(String corpus) {
    List<ModelAnalytics> all = new ArrayList<>(views.all(Views.ANALYTICS));
    all.removeIf(a -> corpus != null && !corpus.equals(a.getCorpusId()));
    if (all.size() != 1) {
      throw new HttpError(all.isEmpty() ? 404 : 400, all.isEmpty()
          ? (corpus == null ? "no analytics yet: they follow the first complete model within seconds"
              : "no analytics for corpus '" + corpus + "'")
          : "several corpora have analytics; name one: /api/analytics?corpus=ID");
    }
    return BodyMapping.analytics(all.get(0));
  }

  /** KL in bits per byte among at most {@code max} models, in clustering order, from their ξ rows. */
  KlMatrixBody klMatrix(String corpus, int max) {
    if (max < 2 || max > MAX_KL_MATRIX) {
      throw new HttpError(400, "max must be between 2 and " + MAX_KL_MATRIX + ", was " + max);
    }
    AnalyticsBody analytics = analytics(corpus);
    List<String> order = analytics.clusterOrder();
    List<String> models = new ArrayList<>();
    for (int i = 0; i < Math.min(max, order.size()); i++) {
      // evenly along the order, first and last included, when there are more models than rows
      models.add(order.get(order.size() <= max ? i : (int) Math.round(i * (order.size() - 1.0) / (max - 1))));
    }
    List<double[]> xi = new ArrayList<>();
    for (String model : models) {
      xi.add(views.get(Views.COORDINATES, model).map(row -> doubles(row.getXi()))
          .orElseThrow(() -> new IllegalStateException("no coordinates for complete model " + model)));
    }
    double meanBytes = meanTextBytes(analytics.corpusId());
    List<List<Double>> bitsPerByte = new ArrayList<>();
    for (double[] a : xi) {
      List<Double> row = new ArrayList<>();
      for (double[] b : xi) {
        row.add(finite(KlDivergence.toBitsPerByte(KlDivergence.fromCoordinates(a, b), meanBytes)));
      }
      bitsPerByte.add(row);
    }
    return new KlMatrixBody(analytics.corpusId(), analytics.completeModels(), models, bitsPerByte);
  }

  /** Every pair's agreement statistics. */
  List<AgreementBody> agreement() {
    return views.all(Views.AGREEMENT).stream().map(BodyMapping::agreement).toList();
  }

  /** KL between two complete models from their ξ rows (eq. 3), in nats per text and bits per byte. */
  KlBody kl(String a, String b) {
    if (a == null || b == null) {
      throw new HttpError(400, "pass both models: /api/kl?a=MODEL&b=MODEL");
    }
    Optional<ModelCoordinates> rowA = views.get(Views.COORDINATES, a);
    Optional<ModelCoordinates> rowB = views.get(Views.COORDINATES, b);
    if (rowA.isEmpty() || rowB.isEmpty()) {
      throw new HttpError(404, "no scores for model '" + (rowA.isEmpty() ? a : b) + "'");
    }
    if (!rowA.get().getComplete() || !rowB.get().getComplete()) {
      throw new HttpError(409, "both models must be completely scored; see /api/models/{id} for progress"
          + " and its provisional neighbours");
    }
    String corpusId = rowA.get().getCorpusId();
    if (!corpusId.equals(rowB.get().getCorpusId())) {
      throw new HttpError(409, "the models were scored on different corpora");
    }
    double klNats = KlDivergence.fromCoordinates(doubles(rowA.get().getXi()), doubles(rowB.get().getXi()));
    return new KlBody(a, b, corpusId, klNats, KlDivergence.toBitsPerByte(klNats, meanTextBytes(corpusId)));
  }

  /** The LLM-as-judge table: every other model's judged and true accuracy over the items both answered. */
  JudgeBody judge(String judge) {
    if (views.get(Views.ACCURACY, judge).isEmpty()) {
      throw new HttpError(404, "no answers of model '" + judge + "' have been aggregated");
    }
    List<JudgeTable.Pair> pairs = views.all(Views.AGREEMENT).stream().map(Analyses::judgePair).toList();
    List<JudgeRowBody> rows = JudgeTable.of(judge, pairs).stream().map(row -> new JudgeRowBody(row.modelId(),
        row.inflation().items(), finite(row.inflation().trueAccuracy()), finite(row.inflation().judgedAccuracy()),
        finite(row.inflation().inflation()))).toList();
    return new JudgeBody(judge, rows);
  }

  private static JudgeTable.Pair judgePair(ErrorAgreement pair) {
    return new JudgeTable.Pair(pair.getModelA(), pair.getModelB(), pair.getItems(), pair.getSame(),
        pair.getCorrectA(), pair.getCorrectB());
  }

  /** JSON has no NaN: an undefined rate is left out. */
  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }

  /** The corpus's mean text length in bytes, from its frame (NaN before it has one). */
  private double meanTextBytes(String corpusId) {
    return views.get(Views.FRAMES, corpusId).map(CoordinateFrame::getMeanTextBytes).orElse(Double.NaN);
  }

  private static double[] doubles(List<Double> values) {
    double[] array = new double[values.size()];
    for (int i = 0; i < array.length; i++) {
      array[i] = values.get(i);
    }
    return array;
  }
}
