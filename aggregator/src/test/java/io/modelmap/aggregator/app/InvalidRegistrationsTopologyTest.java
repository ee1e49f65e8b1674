package io.modelmap.aggregator.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.schemas.avro.ModelRegistered;
import java.util.OptionalDouble;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * Registrations that decode but break DESIGN §4 (an empty id, an id of 10,240 characters) used to be
 * served by the view like any other; now the view refuses them (dead-lettered {@code invalid-id} by the
 * view's handler: UndecodableViewRecordsTest) and serves the valid one after them.
 */
class InvalidRegistrationsTopologyTest {

  @Test
  void shouldKeepRegistrationsWithInvalidIdsOutOfTheView() throws Exception {
    try (AggregatorHarness h = new AggregatorHarness(OptionalDouble.empty())) {
      var registrations = h.input(h.topics.modelRegistered());
      String long10k = "m".repeat(10_240);
      registrations.pipeInput("", registration(""));
      registrations.pipeInput(long10k, registration(long10k));
      registrations.pipeInput("acme/valid", registration("acme/valid"));

      KeyValueStore<String, Object> view = h.driver.getKeyValueStore("view-registered");
      assertThat(view.get("acme/valid")).isNotNull();
      assertThat(view.get("")).isNull();
      assertThat(view.get(long10k)).isNull();
    }
  }

  private static ModelRegistered registration(String id) {
    return ModelRegistered.newBuilder().setModelId(id).setSourceUri("file:/m").setCorpusId("c").build();
  }
}
