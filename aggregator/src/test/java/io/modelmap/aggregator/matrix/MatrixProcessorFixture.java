package io.modelmap.aggregator.matrix;

import io.modelmap.aggregator.support.PublishingSettings;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.avro.TextChunk;
import io.modelmap.schemas.avro.TextScore;
import io.modelmap.schemas.avro.TextScores;
import io.modelmap.schemas.registry.InMemorySchemaRegistryClient;
import io.modelmap.schemas.topic.TopicNames;
import io.modelmap.schemas.topic.Topics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Record;

/**
 * A {@link MatrixProcessor} with the default settings and the records it reads, for a processor driven by hand in a
 * {@code MockProcessorContext} (with {@link MatrixTestStores}): a corpus of {@link #N} texts {@code doc#s} of 900
 * bytes, registrations, and scores {@link #value(int, double)}. Here, not in test-support: it needs the
 * aggregator's package-private matrix classes, and test-support comes before the aggregator.
 */
final class MatrixProcessorFixture {
  static final String CORPUS = "pile/val";
  static final int N = 4;

  private static final Topics TOPICS = new Topics(TopicNames.defaults(), new InMemorySchemaRegistryClient());

  private MatrixProcessorFixture() {}

  /** A new processor instance, as a restarted or revived task has. */
  static MatrixProcessor newProcessor() {
    return new MatrixProcessor(PublishingSettings.defaults(), MatrixSettings.defaults(), TopicNames.defaults(),
        TOPICS.textScores().valueSerde(), TOPICS.corpusTexts().valueSerde(), Clock.systemUTC());
  }

  /** Text {@code s} of the corpus. */
  static Record<String, SpecificRecord> text(int s) {
    return new Record<>(CORPUS, TextChunk.newBuilder().setCorpusId(CORPUS).setTextId("doc#" + s).setIndex(s)
        .setCorpusSize(N).setText("t").setCategory("c").setByteLength(900).build(), 0L);
  }

  /** {@code model} registered on the corpus. */
  static Record<String, SpecificRecord> registration(String model) {
    return new Record<>(CORPUS, ModelRegistered.newBuilder().setModelId(model).setSourceUri("imported:test")
        .setCorpusId(CORPUS).build(), 0L);
  }

  /** The log-likelihood of text {@code s} for a model {@code shift} away from the base (shift 0). */
  static double value(int s, double shift) {
    return -100 - 10 * s - shift * s * s;
  }

  /** One text-scores record of {@code model}: texts {@code from} (inclusive) to {@code to}, 10 tokens each. */
  static Record<String, SpecificRecord> scores(String model, int from, int to, double shift) {
    List<TextScore> list = new ArrayList<>();
    for (int s = from; s < to; s++) {
      list.add(TextScore.newBuilder().setTextId("doc#" + s).setLogLikelihood(value(s, shift)).setTokensScored(10)
          .setWindowed(false).build());
    }
    return new Record<>(CORPUS, TextScores.newBuilder().setModelId(model).setCorpusId(CORPUS).setTaskId(model + from)
        .setScores(list).setWorkerId("w").build(), 0L);
  }
}
