package io.modelmap.aggregator.app;

import static io.modelmap.aggregator.app.AggregatorHarness.chunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.modelmap.aggregator.matrix.MapMethod;
import io.modelmap.aggregator.matrix.MatrixSettings;
import io.modelmap.aggregator.support.PublishingSettings;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.math.BatchReference;
import io.modelmap.math.Neighbor;
import io.modelmap.schemas.avro.CoordinateFrame;
import io.modelmap.schemas.avro.ModelCoordinates;
import io.modelmap.schemas.avro.NeighborEntry;
import io.modelmap.schemas.avro.NeighborList;
import io.modelmap.schemas.avro.TextScores;
import io.modelmap.schemas.registry.InMemorySchemaRegistryClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@code --shards}: at 1 the topology and its records are those of the unsharded aggregator; above 1 the
 * matrix is spread over shards that exchange rows and replies through a loop topic, and every final list is
 * still the batch reference's. The driver runs every partition in one task, so here the three shards share
 * one processor (each row still travels the loop to three shards and three replies make a list final);
 * {@code ShardedMatrixIT} runs them in three tasks on three instances.
 */
class ShardedTopologyTest {
  private static final int N = 24;
  private static final List<String> MODELS = List.of("EleutherAI/pythia-70m@step1000", "EleutherAI/pythia-70m@step2000",
      "EleutherAI/pythia-160m@step1000", "EleutherAI/pythia-160m@step143000", "meta-llama/Llama-3.2-1B",
      "meta-llama/Llama-3.2-1B-Instruct", "Qwen/Qwen2.5-0.5B", "gpt2");

  private static AggregatorConfig config(UnaryOperator<AggregatorConfig.Builder> settings) {
    return settings.apply(AggregatorConfig.builder(KafkaConnection.of("unused:9092", "mock://"),
        StreamsSettings.defaults(Path.of("unused")))).build();
  }

  @Test
  void shouldBuildTheUnshardedTopologyAtOneShard() {
    // the output router prints as Object.toString: its identity hash differs between two builds
    String unsharded = AggregatorTopology.build(config(c -> c), new InMemorySchemaRegistryClient(), Clock.systemUTC())
        .describe().toString().replaceAll("@[0-9a-f]+", "@");
    String oneShard = AggregatorTopology.build(config(c -> c.optShards(1)), new InMemorySchemaRegistryClient(),
        Clock.systemUTC()).describe().toString().replaceAll("@[0-9a-f]+", "@");
    assertThat(oneShard).isEqualTo(unsharded).doesNotContain("shard").contains("scores-by-corpus");
  }

  @Test
  void shouldSpreadTheMatrixOverShardsAboveOne() {
    String described = AggregatorTopology.build(config(c -> c.optShards(3)), new InMemorySchemaRegistryClient(),
        Clock.systemUTC()).describe().toString();
    assertThat(described).contains("texts-by-shard", "scores-by-shard", "registrations-by-shard",
        "-shard-exchange", "shard-neighbors-store", "frames-by-corpus", "shard-frames-store")
        .doesNotContain("scores-by-corpus", "distances-for-prediction");
  }

  @Test
  void shouldPublishTheSameRecordsWithOneShardAsWithout() throws Exception {
    double[][] l = matrix();
    List<TextScores> order = shuffled(l, 3);
    assertThat(run(order, c -> c.optShards(1))).isEqualTo(run(order, c -> c));
  }

  @Test
  void shouldGiveEveryModelItsBatchNeighboursOverThreeShards() throws Exception {
    double[][] l = matrix();
    Outputs sharded = run(shuffled(l, 5), c -> c.optShards(3));
    BatchReference ref = BatchReference.of(l);
    for (int i = 0; i < MODELS.size(); i++) {
      NeighborList list = sharded.neighbors().get(MODELS.get(i));
      assertThat(list.getProvisional()).as(MODELS.get(i)).isFalse();
      List<Neighbor> expected = ref.neighbors(i, MODELS, 3);
      List<NeighborEntry> actual = list.getNeighbors();
      assertThat(actual).hasSize(3);
      for (int r = 0; r < 3; r++) {
        assertThat(actual.get(r).getModelId()).isEqualTo(expected.get(r).modelId());
        assertThat(actual.get(r).getKlNats()).isCloseTo(expected.get(r).klNats(), within(1e-9));
      }
      assertThat(sharded.coordinates().get(MODELS.get(i)).getComplete()).isTrue();
    }
    CoordinateFrame frame = sharded.frames().get(AggregatorHarness.CORPUS);
    assertThat(frame.getModelCount()).isEqualTo(MODELS.size());
    assertThat(frame.getPositions()).as("no layout at S > 1").isEmpty();
    assertThat(frame.getShards()).as("the frame says so, for readers that would wait for positions").isEqualTo(3);
    double[] expectedMeans = ref.columnMeans();
    for (int s = 0; s < N; s++) {
      assertThat(frame.getColumnMeans().get(s)).isCloseTo(expectedMeans[s], within(1e-9));
    }
  }

  @Test
  void shouldRefuseNoShardsAndClippingOverSeveralShards() {
    assertThatThrownBy(() -> config(c -> c.optShards(0))).hasMessage("--shards must be at least 1, was 0");
    assertThatThrownBy(() -> config(c -> c.optShards(2)
        .optMatrix(new MatrixSettings(OptionalDouble.of(0.02), MapMethod.PCA))))
        .hasMessageContaining("--clip-quantile").hasMessageContaining("--shards 1");
  }

  private record Outputs(Map<String, NeighborList> neighbors, Map<String, ModelCoordinates> coordinates,
      Map<String, CoordinateFrame> frames) {}

  private static Outputs run(List<TextScores> order, UnaryOperator<AggregatorConfig.Builder> settings)
      throws Exception {
    try (AggregatorHarness h = new AggregatorHarness(c -> settings.apply(c.optPublishing(
        new PublishingSettings(3, Duration.ofSeconds(2), Duration.ofMinutes(10)))))) {
      h.register(MODELS);
      h.publishCorpus(N);
      for (TextScores record : order) {
        h.scores.pipeInput(record.getModelId(), record);
      }
      h.advance(Duration.ofSeconds(5));
      return new Outputs(h.latestNeighbors(), h.coordinates.readKeyValuesToMap(), h.frames.readKeyValuesToMap());
    }
  }

  /** Two families and loners, log-likelihoods around −1000. */
  private static double[][] matrix() {
    Random random = new Random(11);
    double[][] l = new double[MODELS.size()][N];
    for (int s = 0; s < N; s++) {
      double a = -1000 - 200 * random.nextDouble();
      double b = -1000 - 200 * random.nextDouble();
      for (int i = 0; i < MODELS.size(); i++) {
        l[i][s] = (i < 4 ? a : b) - i + (1 + i % 3) * random.nextGaussian();
      }
    }
    return l;
  }

  private static List<TextScores> shuffled(double[][] l, long seed) {
    List<TextScores> order = new ArrayList<>();
    for (int i = 0; i < MODELS.size(); i++) {
      for (int from = 0; from < N; from += 8) {
        order.add(chunk(MODELS.get(i), l[i], from, from + 8));
      }
    }
    Collections.shuffle(order, new Random(seed));
    return order;
  }
}
