package io.modelmap.aggregator.app;

import static io.modelmap.aggregator.app.AggregatorHarness.CORPUS;
import static io.modelmap.aggregator.app.AggregatorHarness.chunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelmap.schemas.avro.CoordinateFrame;
import io.modelmap.schemas.avro.DeadLetter;
import io.modelmap.schemas.avro.ModelCoordinates;
import io.modelmap.schemas.avro.NeighborEntry;
import io.modelmap.schemas.avro.NeighborList;
import io.modelmap.schemas.avro.TextChunk;
import io.modelmap.schemas.key.CompositeKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Scores of a model nobody registered on their corpus (issue 26, finding 3: such a model used to appear
 * on the map with provisional KL 0.0 to every model) wait for its registration like scores wait for their
 * texts: never on the map or in a neighbour list before it, applied in read order once it arrives, and
 * dead-lettered {@code unregistered-model} when the park timeout passes first.
 */
class UnregisteredModelsTopologyTest {
  private static final int N = 8;
  private static final List<String> REGISTERED = List.of("acme/base", "acme/ft");
  private static final String GHOST = "acme/never-registered";
  private static final String OTHER_CORPUS = "other/corpus";
  /** The aggregator's default park timeout, and a little more so the next punctuation finds it passed. */
  private static final Duration PAST_TIMEOUT = Duration.ofMinutes(10).plusSeconds(5);

  private static double[] row(double shift) {
    return IntStream.range(0, N).mapToDouble(s -> -900 - 13 * s - shift * s * s).toArray();
  }

  /** The corpus and two registered, complete models: the ghost would be their nearest neighbour. */
  private static void mapTwoRegisteredModels(AggregatorHarness h) {
    h.publishCorpus(N);
    h.register(REGISTERED);
    h.scores.pipeInput(REGISTERED.get(0), chunk(REGISTERED.get(0), row(0), 0, N));
    h.scores.pipeInput(REGISTERED.get(1), chunk(REGISTERED.get(1), row(2), 0, N));
  }

  /** The ghost's full row in two records, then a re-score of its first texts with other values (first wins). */
  private static void publishGhostRow(AggregatorHarness h, String model) {
    h.scores.pipeInput(model, chunk(model, row(0.5), 0, N / 2));
    h.scores.pipeInput(model, chunk(model, row(0.5), N / 2, N));
    h.scores.pipeInput(model, chunk(model, Arrays.stream(row(0.5)).map(v -> v - 50).toArray(), 0, 2));
  }

  /** Reads every output so far (it is consumed): call once, at the end. */
  private static void assertNotMapped(AggregatorHarness h, String model) {
    Map<String, ModelCoordinates> coordinates = h.coordinates.readKeyValuesToMap();
    assertThat(coordinates).as("coordinates of the unregistered model").doesNotContainKey(model);
    List<NeighborList> lists = h.neighbors.readValuesToList();
    assertThat(lists).as("lists published").isNotEmpty();
    assertThat(lists).extracting(l -> l.getModelId().toString()).doesNotContain(model);
    assertThat(lists).flatExtracting(NeighborList::getNeighbors).extracting(NeighborEntry::getModelId)
        .extracting(Object::toString).doesNotContain(model);
    CoordinateFrame frame = h.frames.readKeyValuesToMap().get(CORPUS);
    assertThat(frame.getPositions()).extracting(p -> p.getModelId().toString()).containsExactlyElementsOf(REGISTERED);
  }

  @Test
  void shouldNeverMapScoresOfAModelNobodyRegistered() throws Exception {
    try (AggregatorHarness h = new AggregatorHarness(OptionalDouble.empty())) {
      mapTwoRegisteredModels(h);
      publishGhostRow(h, GHOST);
      h.advance(Duration.ofSeconds(5));

      assertNotMapped(h, GHOST);
      assertThat(h.deadLetters("text-scores")).as("parked, not refused, while the timeout runs").isEmpty();
    }
  }

  @Test
  void shouldApplyParkedScoresInReadOrderOnceTheRegistrationArrives() throws Exception {
    try (AggregatorHarness h = new AggregatorHarness(OptionalDouble.empty())) {
      mapTwoRegisteredModels(h);
      publishGhostRow(h, GHOST);
      h.advance(Duration.ofSeconds(5));
      assertThat(h.coordinates.readKeyValuesToMap()).doesNotContainKey(GHOST);

      h.register(GHOST, CORPUS);
      h.advance(Duration.ofSeconds(5));

      ModelCoordinates coordinates = h.coordinates.readKeyValuesToMap().get(GHOST);
      assertThat(coordinates.getComplete()).isTrue();
      double firstValues = Arrays.stream(row(0.5)).average().orElseThrow();
      assertThat(coordinates.getMeanLogLikelihood()).as("the first score of each text, the re-score left out")
          .isCloseTo(firstValues, within(1e-9));
      assertThat(h.frames.readKeyValuesToMap().get(CORPUS).getPositions()).hasSize(3);
      assertThat(h.latestNeighbors().get(REGISTERED.get(0)).getNeighbors()).extracting(NeighborEntry::getModelId)
          .extracting(Object::toString).contains(GHOST);
      assertThat(h.deadLetters("text-scores")).isEmpty();
    }
  }

  @Test
  void shouldApplyParkedScoresAsSoonAsTheRegistrationArrivesNotAPunctuationLater() throws Exception {
    try (AggregatorHarness h = new AggregatorHarness(OptionalDouble.empty())) {
      mapTwoRegisteredModels(h);
      publishGhostRow(h, GHOST);

      h.register(GHOST, CORPUS); // no wall-clock time passes: no punctuation runs

      ModelCoordinates coordinates = h.coordinates.readKeyValuesToMap().get(GHOST);
      assertThat(coordinates).as("coordinates of the model once registered").isNotNull();
      assertThat(coordinates.getComplete()).isTrue();
    }
  }

  @Test
  void shouldDeadLetterTheScoresAsUnregisteredModelOnceTheTimeoutPasses() throws Exception {
    try (AggregatorHarness h = new AggregatorHarness(OptionalDouble.empty())) {
      mapTwoRegisteredModels(h);
      publishGhostRow(h, GHOST);
      h.advance(Duration.ofMinutes(9));
      assertThat(h.deadLetters("text-scores")).as("within the timeout").isEmpty();

      h.advance(PAST_TIMEOUT.minusMinutes(9));

      List<DeadLetter> letters = h.deadLetters("text-scores");
      assertThat(letters).hasSize(3).allSatisfy(letter -> {
        assertThat(letter.getErrorClass()).isEqualTo("unregistered-model");
        assertThat(letter.getMessage()).contains(GHOST, "corpus " + CORPUS, "register", "before publishing its scores");
      });
      assertThat(letters).extracting(DeadLetter::getOffset).as("read order, original offsets").containsExactly(2L, 3L, 4L);
      h.register(GHOST, CORPUS); // too late: nothing waits any more
      h.advance(Duration.ofSeconds(5));
      assertNotMapped(h, GHOST);
    }
  }

  @Test
  void aRegistrationOnAnotherCorpusDoesNotAdmitTheScores() throws Exception {
    try (AggregatorHarness h = new AggregatorHarness(OptionalDouble.empty())) {
      mapTwoRegisteredModels(h);
      h.texts.pipeInput(CompositeKey.of(OTHER_CORPUS, "t0"), TextChunk.newBuilder().setCorpusId(OTHER_CORPUS)
          .setTextId("t0").setIndex(0).setCorpusSize(1).setText("t0").setCategory("c").setByteLength(2).build());
      h.register(GHOST, OTHER_CORPUS);
      publishGhostRow(h, GHOST);
      h.advance(Duration.ofSeconds(5));
      assertThat(h.deadLetters("text-scores")).isEmpty();

      h.advance(PAST_TIMEOUT);

      assertThat(h.deadLetters("text-scores")).hasSize(3)
          .allSatisfy(letter -> assertThat(letter.getErrorClass()).isEqualTo("unregistered-model"));
      assertNotMapped(h, GHOST);
    }
  }
}
