package io.modelmap.aggregator.ingest;

import static io.modelmap.schemas.topic.DeadLetterReason.IMPLAUSIBLE_SCORE;
import static io.modelmap.schemas.topic.DeadLetterReason.KEY_MISMATCH;
import static io.modelmap.schemas.topic.DeadLetterReason.NON_FINITE_SCORE;

import io.modelmap.schemas.avro.BenchmarkScore;
import io.modelmap.schemas.key.CompositeKey;
import io.modelmap.schemas.key.Ids;
import java.util.Optional;

/**
 * Rules of a {@code benchmark-scores} record: keyed modelId/benchmarkId, a finite value within the
 * plausible range of its metric ({@link ScoreRanges}).
 */
public final class BenchmarkScoreValidator implements Validator<BenchmarkScore> {

  @Override
  public Optional<Rejection> check(String key, BenchmarkScore value) {
    Optional<Rejection> ids = Validator.checkId(Ids.Kind.MODEL, value.getModelId())
        .or(() -> Validator.checkId(Ids.Kind.BENCHMARK, value.getBenchmarkId()));
    if (ids.isPresent()) {
      return ids;
    }
    String expected = CompositeKey.of(value.getModelId().toString(), value.getBenchmarkId().toString());
    if (!expected.equals(key)) {
      return Optional.of(new Rejection(KEY_MISMATCH, "record key '" + key + "' should be '" + expected + "'"));
    }
    if (!Double.isFinite(value.getValue())) {
      return Optional.of(new Rejection(NON_FINITE_SCORE, "score " + value.getValue() + " of " + key
          + " is not finite; publish only known results"));
    }
    ScoreRanges.Range range = ScoreRanges.of(value.getMetric());
    if (!range.contains(value.getValue())) {
      return Optional.of(new Rejection(IMPLAUSIBLE_SCORE, "score " + value.getValue() + " of " + key + " is outside"
          + " the plausible range [" + range.min() + ", " + range.max() + "] of metric '" + value.getMetric()
          + "'; rates are fractions or percentages"));
    }
    return Optional.empty();
  }
}
