package io.modelmap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelmap.aggregator.matrix.ModelShards;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.producer.registration.ModelRegistrar;
import io.modelmap.kafka.Publisher;
import io.modelmap.math.BatchReference;
import io.modelmap.math.Neighbor;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.avro.TextChunk;
import io.modelmap.schemas.avro.TextScore;
import io.modelmap.schemas.avro.TextScores;
import io.modelmap.schemas.key.CompositeKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The sharded ITs' corpus: 60 Pythia checkpoints' ids (four sizes, fifteen steps) whose ids fall on all three
 * shards, four families of log-likelihoods between −900 and −600 on 40 texts, the scores as records of ten texts in
 * random order, and the batch reference every streamed list must equal.
 */
final class ShardedCorpus {
  static final int SHARDS = 3;
  static final int TEXTS = 40;
  /** Texts per score record. */
  static final int CHUNK = 10;
  /** Neighbours per list. */
  static final int K = 10;
  static final String CORPUS = "pile-sample";
  private static final List<String> SIZES = List.of("70m", "160m", "410m", "1b");

  final List<String> ids;
  /** The log-likelihoods, one row per id. */
  final double[][] l;
  /** Every score, {@value #CHUNK} texts a record, shuffled. */
  final List<TextScores> records;
  final BatchReference reference;

  private ShardedCorpus(List<String> ids, double[][] l, List<TextScores> records) {
    this.ids = ids;
    this.l = l;
    this.records = records;
    this.reference = BatchReference.of(l);
  }

  /** The corpus drawn from {@code new Random(seed)}: the matrix first, then the records' order. */
  static ShardedCorpus draw(long seed) {
    List<String> ids = new ArrayList<>();
    for (String size : SIZES) {
      for (int step = 1; step <= 15; step++) {
        ids.add("EleutherAI/pythia-" + size + "@step" + step * 1000);
      }
    }
    Collections.sort(ids);
    Set<Integer> shardsUsed = new HashSet<>();
    ids.forEach(id -> shardsUsed.add(ModelShards.shardOf(id, SHARDS)));
    assertThat(shardsUsed).as("the 60 ids fall on every shard").hasSize(SHARDS);
    Random random = new Random(seed);
    double[][] l = matrix(ids, random);
    List<TextScores> records = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      for (int from = 0; from < TEXTS; from += CHUNK) {
        List<TextScore> scores = new ArrayList<>();
        for (int s = from; s < from + CHUNK; s++) {
          scores.add(TextScore.newBuilder().setTextId("t" + s).setLogLikelihood(l[i][s]).setTokensScored(100)
              .setWindowed(false).build());
        }
        records.add(TextScores.newBuilder().setModelId(ids.get(i)).setCorpusId(CORPUS)
            .setTaskId(ids.get(i) + "-" + from).setScores(scores).build());
      }
    }
    Collections.shuffle(records, random);
    return new ShardedCorpus(ids, l, records);
  }

  /** Registers every model and publishes the corpus's texts. */
  void publishRegistrationsAndTexts(Publisher publisher, KafkaConnection connection) {
    ModelRegistrar registrar = new ModelRegistrar(publisher, connection.topics().modelRegistered());
    for (String id : ids) {
      registrar.register(ModelRegistered.newBuilder().setModelId(id).setSourceUri("imported:x")
          .setCorpusId(CORPUS).setModelType("imported").build());
    }
    for (int s = 0; s < TEXTS; s++) {
      publisher.send(connection.topics().corpusTexts(), CompositeKey.of(CORPUS, "t" + s), TextChunk.newBuilder()
          .setCorpusId(CORPUS).setTextId("t" + s).setIndex(s).setCorpusSize(TEXTS).setText("x".repeat(500 + s))
          .setCategory(s % 2 == 0 ? "prose" : "code").setByteLength(500 + s).build());
    }
    publisher.flush();
  }

  static void send(Publisher publisher, KafkaConnection connection, List<TextScores> records) {
    for (TextScores record : records) {
      publisher.send(connection.topics().textScores(), record.getModelId(), record);
    }
    publisher.flush();
  }

  /** Scores an {@code /api/models} answer counts over all models. */
  static long textsScored(JsonNode models) {
    long scored = 0;
    for (JsonNode model : models) {
      scored += model.path("textsScored").asLong();
    }
    return scored;
  }

  /** {@code /api/models/<id>} of model {@code i}: complete, its list final and the reference's top k (KL ≤ 1e-9). */
  void assertFinalListEqualsReference(int i, JsonNode model) {
    String id = ids.get(i);
    assertThat(model.path("status").asText()).as(id).isEqualTo("complete");
    assertThat(model.path("neighborsProvisional").asBoolean()).as(id).isFalse();
    List<Neighbor> expected = reference.neighbors(i, ids, K);
    JsonNode actual = model.path("neighbors");
    assertThat(actual).as(id).hasSize(K);
    for (int r = 0; r < K; r++) {
      assertThat(actual.get(r).path("modelId").asText()).as("%s #%d", id, r).isEqualTo(expected.get(r).modelId());
      assertThat(actual.get(r).path("klNats").asDouble()).as("%s #%d", id, r)
          .isCloseTo(expected.get(r).klNats(), within(1e-9));
    }
  }

  /** Four families of fifteen models each, log-likelihoods between −900 and −600. */
  private static double[][] matrix(List<String> ids, Random random) {
    double[][] families = new double[SIZES.size()][TEXTS];
    for (double[] family : families) {
      for (int s = 0; s < TEXTS; s++) {
        family[s] = -900 + 300 * random.nextDouble();
      }
    }
    double[][] l = new double[ids.size()][TEXTS];
    for (int i = 0; i < ids.size(); i++) {
      double[] family = families[SIZES.indexOf(ids.get(i).replaceAll(".*pythia-(.*)@.*", "$1"))];
      double offset = 5 * random.nextGaussian();
      for (int s = 0; s < TEXTS; s++) {
        l[i][s] = family[s] + offset + 3 * random.nextGaussian();
      }
    }
    return l;
  }
}
