package io.modelmap.aggregator.matrix;

import io.modelmap.aggregator.ingest.ParkedRecord;
import io.modelmap.aggregator.restore.GuardedStores;
import io.modelmap.aggregator.support.StoreBytes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The RocksDB stores behind {@link CorpusMatrix} and their compact binary layouts. The scores a
 * record adds to a row are one entry (append-only), so a score never rewrites a whole row and 10 M
 * scores are tens of thousands of entries and changelog records, not 10 M.
 *
 * <ul>
 *   <li>{@value #TEXTS}: corpusId NUL textId → index, corpus size, byte length (3 ints), category (UTF-8)
 *   <li>{@value #SCORES}: corpusId NUL modelId NUL sequence(int) → the accepted (index int, log-likelihood
 *       double) pairs of one record; the sequence is the row's score count before the record, unique per row
 *   <li>{@value #PENDING}: corpus id / source topic-partition@offset → scores waiting for their texts or for
 *       their model's registration on the corpus
 *   <li>{@value #COMPLETIONS}: corpusId NUL modelId → nothing: the model's completion was published (a full
 *       row without this entry is completed again after a restore)
 *   <li>{@value #REGISTERED}: corpusId NUL modelId → nothing: the model is registered on the corpus, so its
 *       scores are applied ({@link RegisteredModels})
 * </ul>
 *
 * <p>Only with {@code --shards} above 1 ({@link ShardNeighborLists}, {@link ShardFrameProcessor}):
 * <ul>
 *   <li>{@value #SHARD_NEIGHBORS}: corpusId NUL modelId → the list of one of the shard's complete models and
 *       the shards that have replied for it ({@link ShardNeighborLists#encode})
 *   <li>{@value #SHARD_FRAMES}: corpusId NUL shard → that shard's complete-model count (int) and sum of ξ rows
 *       (doubles)
 * </ul>
 *
 * <p>Every store restores only the changelog records whose key and value its own codec reads
 * ({@link GuardedStores}): a crafted record on a changelog would otherwise fail the stream thread at its first read.
 */
final class MatrixStores {
  static final String TEXTS = "corpus-texts-store";
  static final String SCORES = "scores-store";
  static final String PENDING = "pending-scores-store";
  static final String COMPLETIONS = "completions-store";
  static final String REGISTERED = "registered-models-store";
  static final String SHARD_NEIGHBORS = "shard-neighbors-store";
  static final String SHARD_FRAMES = "shard-frames-store";

  /** The restore checks: each layout read by the code below that the processor reads it with. */
  static final Deserializer<String[]> IN_CORPUS_KEYS = (topic, key) ->
      splitInCorpus(new String(key, StandardCharsets.UTF_8));
  static final Deserializer<TextEntry> TEXT_VALUES = (topic, value) -> TextEntry.parse(value);
  static final Deserializer<ScoreKey> SCORE_KEYS = (topic, key) -> ScoreKey.parse(Bytes.wrap(key));
  static final Deserializer<byte[]> SCORE_VALUES = (topic, value) -> {
    forEachScore(value, (index, logLikelihood) -> { });
    return value;
  };
  static final Deserializer<byte[]> SHARD_LIST_VALUES = (topic, value) -> {
    new ShardNeighborLists(1, 1).restore("check", value);
    return value;
  };
  static final Deserializer<byte[]> SHARD_FRAME_VALUES = (topic, value) -> {
    ShardFrameProcessor.Contribution.parse(value);
    return value;
  };
  /** A completion's or registration's value is never read, only its presence. */
  private static final Deserializer<byte[]> PRESENCE = new ByteArrayDeserializer();

  private MatrixStores() {}

  /** @param parkedScores decodes the text-scores records parked in {@value #PENDING}, checked on restore */
  static List<StoreBuilder<?>> builders(Deserializer<?> parkedScores) {
    return List.of(Stores.keyValueStoreBuilder(supplier(TEXTS), Serdes.String(), Serdes.ByteArray()),
        Stores.keyValueStoreBuilder(supplier(SCORES), Serdes.Bytes(), Serdes.ByteArray()),
        Stores.keyValueStoreBuilder(pendingSupplier(parkedScores), Serdes.String(), Serdes.ByteArray()),
        Stores.keyValueStoreBuilder(supplier(COMPLETIONS), Serdes.String(), Serdes.ByteArray()),
        Stores.keyValueStoreBuilder(supplier(REGISTERED), Serdes.String(), Serdes.ByteArray()));
  }

  /** The RocksDB store {@code name}, restoring only what its layout's reader reads. */
  static KeyValueBytesStoreSupplier supplier(String name) {
    return switch (name) {
      case TEXTS -> GuardedStores.plain(TEXTS, IN_CORPUS_KEYS, TEXT_VALUES);
      case SCORES -> GuardedStores.plain(SCORES, SCORE_KEYS, SCORE_VALUES);
      case COMPLETIONS, REGISTERED -> GuardedStores.plain(name, IN_CORPUS_KEYS, PRESENCE);
      case SHARD_NEIGHBORS -> GuardedStores.plain(name, IN_CORPUS_KEYS, SHARD_LIST_VALUES);
      case SHARD_FRAMES -> GuardedStores.plain(name, IN_CORPUS_KEYS, SHARD_FRAME_VALUES);
      default -> throw new IllegalArgumentException("no matrix store " + name);
    };
  }

  /** The pending store, restoring only parked records whose envelope and text-scores record both read. */
  static KeyValueBytesStoreSupplier pendingSupplier(Deserializer<?> parkedScores) {
    return GuardedStores.plain(PENDING, null, ParkedRecord.restoreCheck(parkedScores));
  }

  /** corpusId NUL id: the key of a text, a completion and a registration (ids never hold NUL). */
  static String inCorpus(String corpusId, String id) {
    return StoreBytes.joined(corpusId, id);
  }

  static String[] splitInCorpus(String key) {
    return StoreBytes.split(key, "text or completion key");
  }

  static byte[] textValue(int index, int corpusSize, int byteLength, String category) {
    byte[] name = category.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(12 + name.length).putInt(index).putInt(corpusSize).putInt(byteLength).put(name).array();
  }

  /** Decoded text entry. */
  record TextEntry(int index, int corpusSize, int byteLength, String category) {
    static TextEntry parse(byte[] value) {
      ByteBuffer b = StoreBytes.reader(value, 12, "text entry");
      return new TextEntry(b.getInt(), b.getInt(), b.getInt(),
          new String(value, 12, value.length - 12, StandardCharsets.UTF_8));
    }
  }

  static Bytes scoreKey(String corpusId, String modelId, int sequence) {
    byte[] corpus = corpusId.getBytes(StandardCharsets.UTF_8);
    byte[] model = modelId.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(ByteBuffer.allocate(corpus.length + model.length + 6)
        .put(corpus).put((byte) 0).put(model).put((byte) 0).putInt(sequence).array());
  }

  /** Decoded score key: corpus, model, sequence of the entry within the row. */
  record ScoreKey(String corpusId, String modelId, int sequence) {
    static ScoreKey parse(Bytes key) {
      byte[] b = key.get();
      int first = indexOfZero(b, 0);
      int second = indexOfZero(b, first + 1);
      if (b.length - second - 1 != Integer.BYTES) {
        throw StoreBytes.unreadable("score key", (b.length - second - 1) + " bytes of sequence, 4 expected");
      }
      return new ScoreKey(new String(b, 0, first, StandardCharsets.UTF_8),
          new String(b, first + 1, second - first - 1, StandardCharsets.UTF_8),
          ByteBuffer.wrap(b, second + 1, 4).getInt());
    }

    private static int indexOfZero(byte[] b, int from) {
      for (int i = from; i < b.length; i++) {
        if (b[i] == 0) {
          return i;
        }
      }
      throw new IllegalStateException("malformed score key"); // no NUL: not a score key at all
    }
  }

  /** The first {@code count} (index, log-likelihood) pairs, packed. */
  static byte[] scoresValue(int[] indices, double[] logLikelihoods, int count) {
    ByteBuffer buffer = ByteBuffer.allocate(count * 12);
    for (int i = 0; i < count; i++) {
      buffer.putInt(indices[i]).putDouble(logLikelihoods[i]);
    }
    return buffer.array();
  }

  /** Calls {@code each} for every (index, log-likelihood) pair of a stored entry. */
  static void forEachScore(byte[] value, IndexedScoreConsumer each) {
    StoreBytes.requireWhole(value, 12, "scores entry"); // checked first: no pair is handed on from a broken entry
    ByteBuffer buffer = ByteBuffer.wrap(value);
    while (buffer.hasRemaining()) {
      each.accept(buffer.getInt(), buffer.getDouble());
    }
  }

  /** Receives one stored score. */
  @FunctionalInterface
  interface IndexedScoreConsumer {
    void accept(int index, double logLikelihood);
  }

  static KeyValueStore<String, byte[]> texts(org.apache.kafka.streams.processor.api.ProcessorContext<?, ?> c) {
    return c.getStateStore(TEXTS);
  }

  static KeyValueStore<Bytes, byte[]> scores(org.apache.kafka.streams.processor.api.ProcessorContext<?, ?> c) {
    return c.getStateStore(SCORES);
  }

  static KeyValueStore<String, byte[]> pending(org.apache.kafka.streams.processor.api.ProcessorContext<?, ?> c) {
    return c.getStateStore(PENDING);
  }

  static KeyValueStore<String, byte[]> completions(org.apache.kafka.streams.processor.api.ProcessorContext<?, ?> c) {
    return c.getStateStore(COMPLETIONS);
  }

  static KeyValueStore<String, byte[]> shardNeighbors(org.apache.kafka.streams.processor.api.ProcessorContext<?, ?> c) {
    return c.getStateStore(SHARD_NEIGHBORS);
  }

  static KeyValueStore<String, byte[]> registered(org.apache.kafka.streams.processor.api.ProcessorContext<?, ?> c) {
    return c.getStateStore(REGISTERED);
  }
}
