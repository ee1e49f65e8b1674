package io.modelmap.aggregator.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.schemas.avro.BenchmarkRegistered;
import org.junit.jupiter.api.Test;

/** Each rule of {@link BenchmarkRegisteredValidator}, one case each, and registrations it accepts. */
class BenchmarkRegisteredValidatorTest {
  private final BenchmarkRegisteredValidator validator = new BenchmarkRegisteredValidator();

  private String rule(String key, BenchmarkRegistered value) {
    return validator.check(key, value).map(Validator.Rejection::rule).orElse("accepted");
  }

  @Test
  void shouldAcceptABenchmarkKeyedByItsId() {
    assertThat(rule("arc_easy", BenchmarkRegistered.newBuilder().setBenchmarkId("arc_easy").setShots(25).build()))
        .isEqualTo("accepted");
    assertThat(rule("mmlu pro", BenchmarkRegistered.newBuilder().setBenchmarkId("mmlu pro").build())).as("no shots given")
        .isEqualTo("accepted");
  }

  @Test
  void shouldRefuseEachBrokenRule() {
    assertThat(rule("arc", BenchmarkRegistered.newBuilder().setBenchmarkId("arc_easy").build())).isEqualTo("key-mismatch");
    assertThat(rule("", BenchmarkRegistered.newBuilder().setBenchmarkId("").build())).isEqualTo("invalid-id");
    String longId = "b".repeat(10_240);
    assertThat(rule(longId, BenchmarkRegistered.newBuilder().setBenchmarkId(longId).build())).isEqualTo("invalid-id");
    assertThat(rule("arc", BenchmarkRegistered.newBuilder().setBenchmarkId("arc").setShots(-1).build()))
        .isEqualTo("negative-shots");
  }
}
