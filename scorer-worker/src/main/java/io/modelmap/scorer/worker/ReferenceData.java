package io.modelmap.scorer.worker;

import io.modelmap.producer.kafka.ConnectionConfig;
import io.modelmap.producer.kafka.TopicReader;
import io.modelmap.schemas.avro.McItem;
import io.modelmap.schemas.avro.TextChunk;
import io.modelmap.schemas.key.CompositeKey;
import io.modelmap.schemas.topic.Topic;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The corpus texts and benchmark items a worker scores, read from their compacted topics and cached;
 * a key not in the cache re-reads its topic once, so texts published after the worker started are found.
 */
final class ReferenceData {
  private final ConnectionConfig connection;
  private final Map<String, String> texts = new HashMap<>();
  private final Map<String, McItem> items = new HashMap<>();

  ReferenceData(ConnectionConfig connection) {
    this.connection = connection;
  }

  List<String> texts(String corpusId, List<? extends CharSequence> textIds) throws IOException {
    List<String> found = new ArrayList<>(textIds.size());
    for (CharSequence id : textIds) {
      String key = CompositeKey.of(corpusId, id.toString());
      if (!texts.containsKey(key)) {
        refresh(connection.topics().corpusTexts(), texts, chunk -> chunk.getText() == null ? null : chunk.getText().toString());
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
        refresh(connection.topics().mcItems(), items, item -> item);
      }
      McItem item = items.get(key);
      if (item == null) {
        throw new IOException("item " + key + " is not in mc-items; publish the benchmark before registering models");
      }
      found.add(item);
    }
    return found;
  }

  private <V, T> void refresh(Topic<String, V> topic, Map<String, T> cache, java.util.function.Function<V, T> value) {
    new TopicReader(connection).latestByKey(topic).forEach((key, record) -> {
      T kept = value.apply(record);
      if (kept != null) {
        cache.put(key, kept);
      }
    });
  }
}
