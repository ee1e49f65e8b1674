package io.modelmap.aggregator.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.schemas.avro.ModelRegistered;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DESIGN §4 on {@code model-registered}: ids of 1–256 printable characters, keyed by the model id. */
class ModelRegisteredValidatorTest {
  private final ModelRegisteredValidator validator = new ModelRegisteredValidator();

  private static ModelRegistered registration(String id) {
    return ModelRegistered.newBuilder().setModelId(id).setSourceUri("file:/m").setCorpusId("pile/val").build();
  }

  private String rule(String key, ModelRegistered value) {
    return validator.check(key, value).map(Validator.Rejection::rule).orElse("accepted");
  }

  @Test
  void shouldAcceptHubIdsWithARevision() {
    assertThat(rule("meta-llama/Llama-3.2-1B@v2", registration("meta-llama/Llama-3.2-1B@v2"))).isEqualTo("accepted");
    assertThat(rule(null, registration("Größe 7B, \"chat\""))).as("the view checks values only").isEqualTo("accepted");
  }

  @Test
  void shouldRefuseAnEmptyId() {
    assertThat(rule("", registration(""))).isEqualTo("invalid-id");
    assertThat(rule(null, registration(""))).isEqualTo("invalid-id");
  }

  @Test
  void shouldRefuseAnIdOfTenThousandCharacters() {
    String long10k = "a".repeat(10_240);
    assertThat(rule(long10k, registration(long10k))).isEqualTo("invalid-id");
    assertThat(validator.check(null, registration(long10k)).orElseThrow().message()).contains("256");
  }

  @Test
  void shouldRefuseBadCorpusAndBenchmarkIdsAndAForeignKey() {
    assertThat(rule(null, ModelRegistered.newBuilder(registration("m")).setCorpusId("").build())).isEqualTo("invalid-id");
    assertThat(rule(null, ModelRegistered.newBuilder(registration("m")).setBenchmarks(List.of("mmlu", "bad\nid"))
        .build())).isEqualTo("invalid-id");
    assertThat(rule("other", registration("m"))).isEqualTo("key-mismatch");
  }
}
