package io.modelmap.producer.corpus;

import io.modelmap.kafka.Publisher;
import io.modelmap.schemas.avro.TextChunk;
import io.modelmap.schemas.key.CompositeKey;
import io.modelmap.schemas.topic.Topic;
import java.util.List;

/** Publishes a corpus to the compacted {@code corpus-texts} topic, keyed corpusId/textId. */
public final class CorpusPublisher {
  private final Publisher publisher;
  private final Topic<String, TextChunk> topic;

  public CorpusPublisher(Publisher publisher, Topic<String, TextChunk> topic) {
    this.publisher = publisher;
    this.topic = topic;
  }

  public void publish(String corpusId, List<CorpusText> corpus) {
    for (CorpusText text : corpus) {
      publisher.send(topic, CompositeKey.of(corpusId, text.textId()), TextChunk.newBuilder()
          .setCorpusId(corpusId).setTextId(text.textId()).setIndex(text.index()).setCorpusSize(corpus.size())
          .setText(text.text()).setCategory(text.category()).setByteLength(text.byteLength()).build());
    }
    publisher.flush();
  }
}
