package io.modelmap.aggregator.app;

import static io.modelmap.aggregator.app.AggregatorHarness.CORPUS;
import static io.modelmap.aggregator.app.AggregatorHarness.chunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelmap.aggregator.matrix.ModelShards;
import io.modelmap.aggregator.support.PublishingSettings;
import io.modelmap.math.BatchReference;
import io.modelmap.math.Neighbor;
import io.modelmap.schemas.avro.DeadLetter;
import io.modelmap.schemas.avro.NeighborEntry;
import io.modelmap.schemas.avro.NeighborList;
import io.modelmap.schemas.avro.ShardCandidate;
import io.modelmap.schemas.avro.ShardExchange;
import io.modelmap.schemas.avro.ShardExchangeKind;
import io.modelmap.schemas.avro.TextScores;
import io.modelmap.schemas.serde.AvroSerdes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.Test;

/**
 * Hand-crafted records on the shards' loop topic ({@code <application id>-shard-exchange}, S = 3, k = 3): each
 * that does not decode, breaks a rule on its own, or contradicts what its shard holds goes to
 * {@code <application id>-shard-exchange-dlq} under its reason, with its topic and offset, and the shards go on
 * to map every model to its batch neighbours.
 */
class ShardExchangeDeadLettersTest {
  private static final int SHARDS = 3;
  private static final int K = 3;
  private static final int N = 12;
  private static final List<String> MODELS = List.of("EleutherAI/pythia-70m@step1000", "EleutherAI/pythia-160m@step1000",
      "meta-llama/Llama-3.2-1B", "meta-llama/Llama-3.2-1B-Instruct", "Qwen/Qwen2.5-0.5B", "gpt2");
  /** The exchange topic of the harness's default application id. */
  private static final String EXCHANGE = StreamsSettings.defaults(Path.of("unused")).applicationId() + "-shard-exchange";
  private static final String MODEL = "gpt2";
  private static final int HOME = ModelShards.shardOf(MODEL, SHARDS);
  private static final int OTHER = (HOME + 1) % SHARDS;

  @Test
  void shouldDeadLetterEachBadExchangeRecordUnderItsReasonAndKeepMapping() throws Exception {
    try (AggregatorHarness h = new AggregatorHarness(c -> c.optShards(SHARDS)
        .optPublishing(new PublishingSettings(K, Duration.ofSeconds(2), Duration.ofMinutes(10))))) {
      h.register(MODELS);
      h.publishCorpus(N);
      TestInputTopic<String, byte[]> raw = h.driver.createInputTopic(EXCHANGE, Serdes.String().serializer(),
          Serdes.ByteArray().serializer());
      TestInputTopic<String, ShardExchange> exchange = h.driver.createInputTopic(EXCHANGE,
          Serdes.String().serializer(), AvroSerdes.value(h.registry, ShardExchange.class).serializer());

      raw.pipeInput(ModelShards.key(CORPUS, 0), new byte[] {9, 9, 9} /* no Confluent magic byte */);
      raw.pipeInput(ModelShards.key(CORPUS, 0), (byte[]) null);
      exchange.pipeInput(CORPUS, ShardExchange.newBuilder().setKind(ShardExchangeKind.FRAME).setCorpusId(CORPUS)
          .setToShard(-1).setFromShard(0).setCount(1).setValues(List.of(1.0)).build());
      exchange.pipeInput(ModelShards.key(CORPUS, HOME), row(MODEL, HOME, HOME, N).setModelId("bad\u0000id").build());
      exchange.pipeInput(ModelShards.key(CORPUS, SHARDS), row(MODEL, SHARDS, HOME, N).build());
      exchange.pipeInput(ModelShards.key(CORPUS, OTHER), row(MODEL, HOME, HOME, N).build());
      exchange.pipeInput(ModelShards.key(CORPUS, HOME), row(MODEL, HOME, OTHER, N).build());
      ShardExchange.Builder nan = row(MODEL, OTHER, HOME, N);
      nan.getValues().set(4, Double.NaN);
      exchange.pipeInput(ModelShards.key(CORPUS, OTHER), nan.build());
      exchange.pipeInput(ModelShards.key(CORPUS, HOME), reply(CORPUS, MODEL, OTHER, K + 1).build());
      exchange.pipeInput(ModelShards.key("pile/never published", HOME),
          reply("pile/never published", MODEL, OTHER, 1).build());
      exchange.pipeInput(ModelShards.key(CORPUS, HOME), reply(CORPUS, MODEL, OTHER, 1).build());
      exchange.pipeInput(ModelShards.key(CORPUS, OTHER), row(MODEL, OTHER, HOME, N - 1).build());

      List<DeadLetter> letters = h.deadLetters(EXCHANGE);
      assertThat(letters).extracting(DeadLetter::getErrorClass).containsExactly("undecodable", "null-value",
          "unexpected-kind", "invalid-id", "shard-out-of-range", "key-mismatch", "wrong-home-shard", "non-finite",
          "oversize", "unknown-corpus", "unknown-model", "row-length-mismatch");
      assertThat(letters).allSatisfy(letter -> assertThat(letter.getTopic()).isEqualTo(EXCHANGE));
      assertThat(letters).extracting(DeadLetter::getOffset)
          .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
      assertThat(letters.get(9).getMessage()).contains("pile/never published", "unknown on shard " + HOME);
      assertThat(letters.get(11).getMessage()).contains("holds 11 values", "has 12 texts");

      double[][] l = matrix();
      for (TextScores record : shuffled(l)) {
        h.scores.pipeInput(record.getModelId(), record);
      }
      h.advance(Duration.ofSeconds(5));
      Map<String, NeighborList> lists = h.latestNeighbors();
      BatchReference ref = BatchReference.of(l);
      for (int i = 0; i < MODELS.size(); i++) {
        NeighborList list = lists.get(MODELS.get(i));
        assertThat(list.getProvisional()).as(MODELS.get(i)).isFalse();
        List<Neighbor> expected = ref.neighbors(i, MODELS, K);
        List<NeighborEntry> actual = list.getNeighbors();
        assertThat(actual).hasSize(K);
        for (int r = 0; r < K; r++) {
          assertThat(actual.get(r).getModelId()).isEqualTo(expected.get(r).modelId());
          assertThat(actual.get(r).getKlNats()).isCloseTo(expected.get(r).klNats(), within(1e-9));
        }
      }
      assertThat(h.deadLetters(EXCHANGE)).as("no good record of the loop refused").isEmpty();
    }
  }

  /** A ROW of {@code model} from shard {@code from} to shard {@code to}, {@code length} values around −1000. */
  private static ShardExchange.Builder row(String model, int to, int from, int length) {
    List<Double> values = new ArrayList<>();
    for (int s = 0; s < length; s++) {
      values.add(-1000.0 - s);
    }
    return ShardExchange.newBuilder().setKind(ShardExchangeKind.ROW).setCorpusId(CORPUS).setModelId(model)
        .setToShard(to).setFromShard(from).setMeanLogLikelihood(-1005.5).setValues(values);
  }

  /** A REPLY for {@code model} to its home shard from shard {@code from}, with {@code candidates} candidates. */
  private static ShardExchange.Builder reply(String corpus, String model, int from, int candidates) {
    List<ShardCandidate> list = new ArrayList<>();
    for (int c = 0; c < candidates; c++) {
      list.add(new ShardCandidate("candidate-" + c, 0.1 * (c + 1), N));
    }
    return ShardExchange.newBuilder().setKind(ShardExchangeKind.REPLY).setCorpusId(corpus).setModelId(model)
        .setToShard(ModelShards.shardOf(model, SHARDS)).setFromShard(from).setCandidates(list);
  }

  /** Two families, log-likelihoods around −1000. */
  private static double[][] matrix() {
    Random random = new Random(7);
    double[][] l = new double[MODELS.size()][N];
    for (int s = 0; s < N; s++) {
      double a = -1000 - 200 * random.nextDouble();
      double b = -1000 - 200 * random.nextDouble();
      for (int i = 0; i < MODELS.size(); i++) {
        l[i][s] = (i < 3 ? a : b) - i + (1 + i % 3) * random.nextGaussian();
      }
    }
    return l;
  }

  private static List<TextScores> shuffled(double[][] l) {
    List<TextScores> order = new ArrayList<>();
    for (int i = 0; i < MODELS.size(); i++) {
      for (int from = 0; from < N; from += 6) {
        order.add(chunk(MODELS.get(i), l[i], from, from + 6));
      }
    }
    Collections.shuffle(order, new Random(3));
    return order;
  }
}
