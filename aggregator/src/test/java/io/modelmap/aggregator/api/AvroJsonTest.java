package io.modelmap.aggregator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.schemas.avro.ModelCoordinates;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AvroJsonTest {

  @Test
  void shouldLeaveOutNamedVectorsAndMakeNaNNull() {
    ModelCoordinates c = ModelCoordinates.newBuilder().setModelId("meta-llama/Llama-3.2-1B").setCorpusId("pile")
        .setVersion(1).setTextsScored(3).setCorpusSize(3).setComplete(true).setMeanLogLikelihood(Double.NaN)
        .setXi(List.of(1.0, -0.5, -0.5)).build();

    Map<String, Object> all = AvroJson.toMap(c);
    Map<String, Object> slim = AvroJson.toMap(c, Set.of("xi"));

    assertThat(all.get("xi")).isEqualTo(List.of(1.0, -0.5, -0.5));
    assertThat(slim).doesNotContainKey("xi").containsEntry("modelId", "meta-llama/Llama-3.2-1B");
    assertThat(slim.get("meanLogLikelihood")).as("JSON has no NaN").isNull();
  }
}
