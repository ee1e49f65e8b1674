package io.modelmap.aggregator.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.schemas.avro.BenchmarkScore;
import io.modelmap.schemas.key.CompositeKey;
import org.junit.jupiter.api.Test;

/** A benchmark score is finite and within its metric's plausible range ({@link ScoreRanges}). */
class BenchmarkScoreValidatorTest {
  private final BenchmarkScoreValidator validator = new BenchmarkScoreValidator();

  private String rule(String metric, double value) {
    BenchmarkScore score = BenchmarkScore.newBuilder().setModelId("acme/m").setBenchmarkId("arc").setMetric(metric)
        .setValue(value).build();
    return validator.check(CompositeKey.of("acme/m", "arc"), score).map(Validator.Rejection::rule).orElse("accepted");
  }

  @Test
  void shouldRefuseAScoreOfTenToThe300() {
    assertThat(rule("score", 1e300)).isEqualTo("implausible-score");
    assertThat(rule("accuracy", 1e300)).isEqualTo("implausible-score");
    assertThat(rule("score", -1e300)).isEqualTo("implausible-score");
  }

  @Test
  void shouldAcceptRatesAsFractionsOrPercentages() {
    assertThat(rule("accuracy", 0.853)).isEqualTo("accepted");
    assertThat(rule("acc_norm", 85.3)).isEqualTo("accepted");
    assertThat(rule("ACC", 0)).isEqualTo("accepted");
    assertThat(rule("accuracy", 100.5)).isEqualTo("implausible-score");
    assertThat(rule("accuracy", -0.1)).isEqualTo("implausible-score");
  }

  @Test
  void shouldAcceptOtherMetricsWithinAMillion() {
    assertThat(rule("elo", 1_250)).isEqualTo("accepted");
    assertThat(rule("score", -12.5)).isEqualTo("accepted");
    assertThat(rule("perplexity", 2e6)).isEqualTo("implausible-score");
  }

  @Test
  void shouldStillRefuseNonFiniteScoresFirst() {
    assertThat(rule("accuracy", Double.NaN)).isEqualTo("non-finite-score");
    assertThat(rule("score", Double.POSITIVE_INFINITY)).isEqualTo("non-finite-score");
  }
}
