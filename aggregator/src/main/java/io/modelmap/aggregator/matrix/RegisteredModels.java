package io.modelmap.aggregator.matrix;

import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The (corpus, model) pairs whose registration the matrix has read: only their scores are applied
 * (issue 26: scores of a model nobody registered must never reach the map). Kept in a changelogged
 * store with an empty marker value, so a restore decodes nothing, and mirrored in memory because
 * every scores record asks.
 */
final class RegisteredModels {
  private final KeyValueStore<String, byte[]> store;
  private final Set<String> known = new HashSet<>();

  /** Reads every pair in {@code store}: a revived or restarted task knows what its stores hold, nothing more. */
  RegisteredModels(KeyValueStore<String, byte[]> store) {
    this.store = store;
    try (KeyValueIterator<String, byte[]> all = store.all()) {
      all.forEachRemaining(entry -> known.add(entry.key));
    }
  }

  /** Records the pair; true when it was not known before. */
  boolean add(String corpusId, String modelId) {
    String key = MatrixStores.inCorpus(corpusId, modelId);
    if (!known.add(key)) {
      return false;
    }
    store.put(key, new byte[0]);
    return true;
  }

  boolean contains(String corpusId, String modelId) {
    return known.contains(MatrixStores.inCorpus(corpusId, modelId));
  }
}
