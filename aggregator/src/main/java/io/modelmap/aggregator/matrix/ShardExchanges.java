package io.modelmap.aggregator.matrix;

import static io.modelmap.schemas.topic.DeadLetterReason.ROW_LENGTH_MISMATCH;
import static io.modelmap.schemas.topic.DeadLetterReason.UNKNOWN_CORPUS;
import static io.modelmap.schemas.topic.DeadLetterReason.UNKNOWN_MODEL;

import io.modelmap.aggregator.ingest.Validator;
import io.modelmap.math.KlDivergence;
import io.modelmap.math.Neighbor;
import io.modelmap.schemas.avro.ShardCandidate;
import io.modelmap.schemas.avro.ShardExchange;
import io.modelmap.schemas.avro.ShardExchangeKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The part of {@link MatrixProcessor} that runs only when a corpus is spread over S &gt; 1 shards: one task
 * per shard holds its models' rows. A model that completes is marked complete and its row sent to every
 * shard (ROW) in one transaction; a shard that receives a row computes its KL to each of its own complete
 * models, offers it into their lists and replies its best k to the row's home shard (REPLY), which merges
 * the S replies into the model's list. Of two models completing at once on two shards, the one whose row
 * arrives second at the other's shard finds that model complete there, so every pair is computed at least
 * once; offers and merges insert by model id, so twice is harmless.
 */
final class ShardExchanges {
  /** Where the processor's records go: a key and a record, at the current record's timestamp. */
  @FunctionalInterface
  interface Output {
    void forward(String key, SpecificRecord value);
  }

  private final int shards;
  private final int neighborCount;
  private final KeyValueStore<String, byte[]> store;
  private final Map<String, ShardNeighborLists> lists = new HashMap<>();

  ShardExchanges(int shards, int neighborCount, KeyValueStore<String, byte[]> store) {
    this.shards = shards;
    this.neighborCount = neighborCount;
    this.store = store;
    try (KeyValueIterator<String, byte[]> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, byte[]> entry = all.next();
        String[] key = MatrixStores.splitInCorpus(entry.key);
        lists(key[0]).restore(key[1], entry.value);
      }
    }
  }

  private ShardNeighborLists lists(String corpusId) {
    return lists.computeIfAbsent(corpusId, id -> new ShardNeighborLists(shards, neighborCount));
  }

  /**
   * Models just marked complete on their home shard: sends each row to every shard, and the task's new
   * frame contribution (Σ ξ over the complete rows it holds) to the corpus's frame, under {@code partition}:
   * the frame adds one contribution per task, which is one per shard when each shard has its partition.
   */
  void completed(CorpusMatrix matrix, List<String> models, int partition, Output out) {
    for (String model : models) {
      int home = ModelShards.shardOf(model, shards);
      ModelRow row = matrix.row(model);
      List<Double> values = boxed(row.values());
      for (int shard = 0; shard < shards; shard++) {
        out.forward(ModelShards.key(matrix.corpusId(), shard), ShardExchange.newBuilder()
            .setKind(ShardExchangeKind.ROW).setCorpusId(matrix.corpusId()).setModelId(model).setToShard(shard)
            .setFromShard(home).setMeanLogLikelihood(row.mean()).setValues(values).build());
      }
    }
    if (!models.isEmpty()) {
      out.forward(matrix.corpusId(), ShardExchange.newBuilder().setKind(ShardExchangeKind.FRAME)
          .setCorpusId(matrix.corpusId()).setToShard(-1).setFromShard(partition).setCount(matrix.completeCount())
          .setMeanTextBytes(matrix.meanTextBytes()).setValues(boxed(matrix.xiSums())).build());
    }
  }

  /**
   * Why this shard refuses a ROW or REPLY that {@link ShardExchangeValidator} accepted, given what it holds of the
   * corpus ({@code matrix}, null when it holds nothing): the model's home shard (a REPLY's destination, a ROW sent
   * to itself) completed the model, so it knows the corpus and holds the model complete; a shard that knows the
   * corpus knows its N, the length of every row. A ROW reaching another shard before that shard read the corpus's
   * texts is no mistake (texts and rows travel different topics): it is answered with no candidates, as a shard
   * with no complete models answers, and its length goes unchecked there.
   */
  Optional<Validator.Rejection> refusal(CorpusMatrix matrix, ShardExchange message) {
    boolean row = message.getKind() == ShardExchangeKind.ROW;
    boolean atHome = !row || message.getToShard() == message.getFromShard();
    boolean known = matrix != null && matrix.isCorpusKnown();
    if (atHome && !known) {
      return Optional.of(new Validator.Rejection(UNKNOWN_CORPUS, "corpus " + message.getCorpusId()
          + " is unknown on shard " + message.getToShard() + ", the home of model " + message.getModelId()
          + "; only the aggregator writes this topic: do not publish to it"));
    }
    if (atHome && !(matrix.hasRow(message.getModelId()) && matrix.row(message.getModelId()).isComplete())) {
      return Optional.of(new Validator.Rejection(UNKNOWN_MODEL, "model " + message.getModelId()
          + " is not complete on its home shard " + message.getToShard() + " of corpus " + message.getCorpusId()
          + "; only the aggregator writes this topic: do not publish to it"));
    }
    if (row && known && message.getValues().size() != matrix.size()) {
      return Optional.of(new Validator.Rejection(ROW_LENGTH_MISMATCH, "the row of model " + message.getModelId()
          + " holds " + message.getValues().size() + " values but corpus " + message.getCorpusId() + " has "
          + matrix.size() + " texts"));
    }
    return Optional.empty();
  }

  /** A ROW or REPLY for this shard that passed {@link #refusal}; {@code matrix} is null where the shard holds none. */
  void receive(CorpusMatrix matrix, ShardExchange message, Output out) {
    switch (message.getKind()) {
      case ROW -> onRow(matrix, message, out);
      case REPLY -> onReply(matrix, message, out);
      default -> throw new IllegalArgumentException("a shard receives rows and replies, not " + message.getKind());
    }
  }

  private void onRow(CorpusMatrix matrix, ShardExchange row, Output out) {
    if (matrix == null) { // the corpus's texts have not reached this shard: no complete model here to compare
      out.forward(ModelShards.key(row.getCorpusId(), row.getFromShard()), reply(row, List.of()));
      return;
    }
    String arrived = row.getModelId();
    double[] values = row.getValues().stream().mapToDouble(Double::doubleValue).toArray();
    Map<String, Double> kl = new LinkedHashMap<>();
    for (String own : matrix.completeModels()) {
      ModelRow ownRow = matrix.row(own);
      kl.put(own, KlDivergence.fromRows(values, row.getMeanLogLikelihood(), ownRow.values(), ownRow.mean()));
    }
    ShardNeighborLists corpusLists = lists(row.getCorpusId());
    for (String own : corpusLists.offer(arrived, kl, values.length)) {
      publish(matrix, corpusLists, own, out);
    }
    List<ShardCandidate> best = new ArrayList<>();
    for (Neighbor n : corpusLists.best(arrived, kl, values.length)) {
      best.add(new ShardCandidate(n.modelId(), n.klNats(), n.overlap()));
    }
    out.forward(ModelShards.key(row.getCorpusId(), row.getFromShard()), reply(row, best));
  }

  private static ShardExchange reply(ShardExchange row, List<ShardCandidate> best) {
    return ShardExchange.newBuilder().setKind(ShardExchangeKind.REPLY).setCorpusId(row.getCorpusId())
        .setModelId(row.getModelId()).setToShard(row.getFromShard()).setFromShard(row.getToShard())
        .setCandidates(best).build();
  }

  private void onReply(CorpusMatrix matrix, ShardExchange reply, Output out) {
    List<Neighbor> candidates = new ArrayList<>();
    for (ShardCandidate c : reply.getCandidates()) {
      candidates.add(new Neighbor(c.getModelId(), c.getKlNats(), c.getOverlap()));
    }
    ShardNeighborLists corpusLists = lists(reply.getCorpusId());
    corpusLists.merge(reply.getModelId(), reply.getFromShard(), candidates);
    publish(matrix, corpusLists, reply.getModelId(), out);
  }

  /** Stores a list and publishes it, provisional until every shard has replied for its model. */
  private void publish(CorpusMatrix matrix, ShardNeighborLists corpusLists, String model, Output out) {
    store.put(MatrixStores.inCorpus(matrix.corpusId(), model), corpusLists.encode(model));
    out.forward(model, OutputRecords.neighbors(matrix, model, corpusLists.list(model), !corpusLists.isFinal(model)));
  }

  private static List<Double> boxed(double[] values) {
    List<Double> list = new ArrayList<>(values.length);
    for (double v : values) {
      list.add(v);
    }
    return list;
  }
}
