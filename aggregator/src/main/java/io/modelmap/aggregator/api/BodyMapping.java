package io.modelmap.aggregator.api;

import io.modelmap.aggregator.api.body.AgreementBody;
import io.modelmap.aggregator.api.body.AnalyticsBody;
import io.modelmap.aggregator.api.body.EmbeddingBody;
import io.modelmap.aggregator.api.body.LeakageBody;
import io.modelmap.aggregator.api.body.NeighborBody;
import io.modelmap.aggregator.api.body.PartnerBody;
import io.modelmap.aggregator.api.body.PredictionBody;
import io.modelmap.aggregator.api.body.PredictionsBody;
import io.modelmap.aggregator.api.body.QualityBody;
import io.modelmap.aggregator.api.body.ResponseSimilarityBody;
import io.modelmap.schemas.avro.AgreementPartner;
import io.modelmap.schemas.avro.ErrorAgreement;
import io.modelmap.schemas.avro.ModelAnalytics;
import io.modelmap.schemas.avro.ModelEmbedding;
import io.modelmap.schemas.avro.NeighborEntry;
import io.modelmap.schemas.avro.PredictionQuality;
import io.modelmap.schemas.avro.ResponseSimilarity;
import io.modelmap.schemas.avro.ScorePrediction;
import io.modelmap.schemas.avro.ScorePredictions;
import java.util.List;

/**
 * The views' Avro records as the API's bodies, field by field. JSON has no NaN: an undefined value
 * (NaN or infinite) is null where the body's field may be null, and 0 where it is a plain number, as the
 * API has always answered.
 */
final class BodyMapping {
  private BodyMapping() {}

  static AgreementBody agreement(ErrorAgreement a) {
    return new AgreementBody(a.getModelA(), a.getModelB(), a.getItems(), a.getSame(), a.getBothCorrect(),
        a.getEitherWrong(), a.getAgreeEitherWrong(), a.getBothWrong(), a.getAgreeBothWrong(),
        finite(a.getBaselineBothWrong()), a.getCorrectA(), a.getCorrectB(),
        a.getBothWrongByChoices().stream()
            .map(c -> new AgreementBody.ChoiceCountBody(c.getChoices(), c.getBothWrong())).toList(),
        finite(a.getOverall()), finite(a.getBothCorrectRate()), finite(a.getRateEitherWrong()),
        finite(a.getRateBothWrong()));
  }

  static AnalyticsBody analytics(ModelAnalytics a) {
    return new AnalyticsBody(a.getCorpusId(), a.getCompleteModels(), finite(a.getCumulativeVariance()),
        a.getDimension90(), a.getDimension95(), a.getClusterOrder(), a.getLeakageBenchmarks(),
        a.getLeakage().stream().map(l -> new LeakageBody(l.getModelId(), orZero(l.getLeakage()),
            orZero(l.getMeanLogLikelihood()), orZero(l.getBenchmarkStanding()))).toList());
  }

  static QualityBody quality(PredictionQuality q) {
    return new QualityBody(q.getBenchmarkId(), q.getMethod(), q.getCorpusId(), q.getModels(), q.getFolds(),
        q.getGrouping(), finite(q.getPearsonR()), finite(q.getSpearmanRho()), orZero(q.getAlpha()),
        finite(q.getMeanSquaredError()));
  }

  static PredictionsBody predictions(ScorePredictions p) {
    return new PredictionsBody(p.getModelId(), p.getCorpusId(), p.getCompleteModels(),
        p.getPredictions().stream().map(BodyMapping::prediction).toList());
  }

  static EmbeddingBody embedding(ModelEmbedding e) {
    return new EmbeddingBody(e.getModelId(), finite(e.getVector()), e.getTrainingVersion(), e.getMethod(),
        e.getQuestions(), orZero(e.getTrainingAccuracy()), finite(e.getHeldOutAccuracy()), e.getUpdatedAtMs());
  }

  static ResponseSimilarityBody similarity(ResponseSimilarity s) {
    return new ResponseSimilarityBody(s.getModelA(), s.getModelB(), s.getPrompts(), orZero(s.getRouge1F()),
        orZero(s.getRouge2F()), orZero(s.getRougeLF()), orZero(s.getBleu()), finite(s.getMeteor()));
  }

  static NeighborBody neighbor(NeighborEntry n) {
    return new NeighborBody(n.getModelId(), orZero(n.getKlNats()), orZero(n.getKlBitsPerByte()), n.getOverlap());
  }

  static PartnerBody partner(AgreementPartner p) {
    return new PartnerBody(p.getModelId(), finite(p.getRateBothWrong()), p.getBothWrong(),
        finite(p.getBaselineBothWrong()));
  }

  /** The value, or null where it is undefined (NaN, infinite) or absent. */
  static Double finite(Double value) {
    return value == null || !Double.isFinite(value) ? null : value;
  }

  /** The values, each undefined one null. */
  static List<Double> finite(List<Double> values) {
    return values.stream().map(BodyMapping::finite).toList();
  }

  /** The value, or 0 where it is undefined: a plain number field of a body cannot be null. */
  static double orZero(double value) {
    return Double.isFinite(value) ? value : 0.0;
  }

  private static PredictionBody prediction(ScorePrediction p) {
    return new PredictionBody(p.getBenchmarkId(), p.getMethod(), orZero(p.getPredicted()), finite(p.getObserved()),
        finite(p.getOutOfFold()), p.getTrainingModels());
  }
}
