package io.modelmap.aggregator.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelmap.aggregator.embedding.EmbeddingSettings;
import io.modelmap.aggregator.embedding.EmbeddingStores;
import io.modelmap.aggregator.embedding.QuestionEncoding;
import io.modelmap.aggregator.embedding.Router;
import io.modelmap.encoder.MiniLmEncoder;
import io.modelmap.math.embed.SparseVector;
import io.modelmap.schemas.avro.McAnswer;
import io.modelmap.schemas.avro.McAnswers;
import io.modelmap.schemas.avro.McItem;
import io.modelmap.schemas.avro.ModelEmbedding;
import io.modelmap.schemas.key.CompositeKey;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * Issue 30 item 1 in the stream: by default the embeddings encode questions with all-MiniLM-L6-v2, each item
 * once, off the stream thread, kept in the encodings' store; the router's features are the trained side applied
 * to those encodings. Four models' answers to 60 MMLU-Pro questions (the encoder module checks the encoder
 * itself against sentence-transformers' numbers).
 */
class MiniLmEmbeddingTopologyTest {
  private static final String BENCHMARK = MmluPro400.BENCHMARK;
  private static final int QUESTIONS = 60;

  @Test
  void questionsAreEncodedOnceByMiniLmAndTheEmbeddingsTrainedOnThoseEncodings() throws Exception {
    Map<String, McItem> items = MmluPro400.items(QUESTIONS);
    Map<String, List<McAnswer>> answers = MmluPro400.answers().byModel();
    List<String> models = new ArrayList<>(answers.keySet()).subList(0, 4);
    EmbeddingSettings settings = new EmbeddingSettings(8, 8, 10, Duration.ofHours(1), Duration.ofSeconds(5), 3, 50,
        QuestionEncoding.MINILM, EmbeddingSettings.LEAVE_OUT_BENCHMARKS);
    assertThat(EmbeddingSettings.defaults().encoding()).as("the default").isEqualTo(QuestionEncoding.MINILM);
    try (AggregatorHarness h = MmluPro400.harness(settings); MiniLmEncoder encoder = MiniLmEncoder.open()) {
      TestOutputTopic<String, ModelEmbedding> embeddings = h.output(h.topics.modelEmbeddings());
      items.values().forEach(item -> h.items.pipeInput(CompositeKey.of(BENCHMARK, item.getItemId().toString()), item));
      for (String model : models) {
        h.answers.pipeInput(model, McAnswers.newBuilder().setModelId(model).setBenchmarkId(BENCHMARK)
            .setAnswers(answers.get(model).stream().filter(a -> items.containsKey(a.getItemId().toString())).toList())
            .build()); // only the published items' answers, so none waits for an item
      }
      Map<String, ModelEmbedding> published = new HashMap<>();
      h.advanceUntil(() -> {
        published.putAll(embeddings.readKeyValuesToMap());
        return published.size() == models.size();
      }, Duration.ofMinutes(5)); // real time for the background encodings and training

      KeyValueStore<String, byte[]> encoded = h.driver.getKeyValueStore(EmbeddingStores.ENCODED);
      List<String> texts = items.values().stream().map(MmluPro400::text).toList();
      List<SparseVector> expected = encoder.encodeAll(texts);
      int q = 0;
      for (McItem item : items.values()) {
        byte[] stored = encoded.get(CompositeKey.of(BENCHMARK, item.getItemId().toString()));
        assertThat(stored).as("item %s encoded and kept", item.getItemId()).isNotNull().hasSize(384 * 4);
        ByteBuffer floats = ByteBuffer.wrap(stored);
        float[] want = expected.get(q++).values();
        for (int k = 0; k < want.length; k++) {
          assertThat(floats.getFloat()).as("item %s, component %d", item.getItemId(), k).isCloseTo(want[k], within(1e-5f));
        }
      }

      KeyValueStore<String, byte[]> routers = h.driver.getKeyValueStore(EmbeddingStores.ROUTER);
      Router router = Router.fromBytes(routers.get(EmbeddingStores.CURRENT));
      assertThat(router.encoding()).isEqualTo(QuestionEncoding.MINILM);
      double[] byHand = router.questionSide().features(expected.get(0));
      double[] routed = router.features(texts.get(0));
      for (int k = 0; k < byHand.length; k++) {
        assertThat(routed[k]).as("the router's features of a question, component %d", k).isCloseTo(byHand[k], within(1e-6));
      }
      for (ModelEmbedding e : published.values()) {
        assertThat(e.getMethod()).hasToString("retrained");
        assertThat(e.getQuestions()).as("answers to the training questions").isPositive();
      }
    }
  }
}
