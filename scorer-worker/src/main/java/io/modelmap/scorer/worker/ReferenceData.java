package io.modelmap.scorer.worker;

import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.TopicFollower;
import io.modelmap.schemas.avro.McItem;
import io.modelmap.schemas.avro.TextChunk;
import io.modelmap.schemas.key.CompositeKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The corpus texts and benchmark items a worker scores, read from their compacted topics and cached.
 * A key not in the cache reads what was published since the last read (never the whole topic again),
 * so texts published after the worker started are found and a missing one costs one end-offset lookup.
 */
final class ReferenceData implements AutoCloseable {
  private final TopicFollower<String, TextChunk> corpusTexts;
  private final TopicFollower<String, McItem> mcItems;
  private final Map<String, String> texts = new HashMap<>();
  private final Map<String, McItem> items = new HashMap<>();

  ReferenceData(KafkaConnection connection) {
    this.corpusTexts = new TopicFollower<>(connection, connection.topics().corpusTexts());
    this.mcItems = new TopicFollower<>(connection, connection.topics().mcItems());
  }

  List<String> texts(String corpusId, List<? extends CharSequence> textIds) throws IOException {
    List<String> found = new ArrayList<>(textIds.size());
    for (CharSequence id : textIds) {
      String key = CompositeKey.of(corpusId, id.toString());
      if (!texts.containsKey(key)) {
        corpusTexts.catchUp((k, chunk) -> keep(texts, k,
            chunk == null || chunk.getText() == null ? null : chunk.getText().toString()));
      }
      String text = texts.get(key);
      if (text == null) {
        throw new IOException("text " + key + " is not in corpus-texts; publish the corpus before registering models");
      }
      found.add(text);
    }
    return found;
  }

  List<McItem> items(String benchmarkId, List<? extends CharSequence> itemIds) throws IOException {
    List<McItem> found = new ArrayList<>(itemIds.size());
    for (CharSequence id : itemIds) {
      String key = CompositeKey.of(benchmarkId, id.toString());
      if (!items.containsKey(key)) {
        mcItems.catchUp((k, item) -> keep(items, k, item));
      }
      McItem item = items.get(key);
      if (item == null) {
        throw new IOException("item " + key + " is not in mc-items; publish the benchmark before registering models");
      }
      found.add(item);
    }
    return found;
  }

  private static <T> void keep(Map<String, T> cache, String key, T value) {
    if (value == null) {
      cache.remove(key); // a tombstone, or a chunk without text
    } else {
      cache.put(key, value);
    }
  }

  @Override
  public void close() {
    corpusTexts.close();
    mcItems.close();
  }
}
