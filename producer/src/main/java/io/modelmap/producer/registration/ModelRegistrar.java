package io.modelmap.producer.registration;

import io.modelmap.kafka.Publisher;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.key.Ids;
import io.modelmap.schemas.topic.Topic;

/** Publishes {@code model-registered} events, keyed by model id. */
public final class ModelRegistrar {
  private final Publisher publisher;
  private final Topic<String, ModelRegistered> topic;

  public ModelRegistrar(Publisher publisher, Topic<String, ModelRegistered> topic) {
    this.publisher = publisher;
    this.topic = topic;
  }

  public void register(ModelRegistered model) {
    Ids.require(Ids.Kind.MODEL, model.getModelId());
    Ids.require(Ids.Kind.CORPUS, model.getCorpusId());
    model.getBenchmarks().forEach(benchmark -> Ids.require(Ids.Kind.BENCHMARK, benchmark));
    publisher.send(topic, model.getModelId(), model);
  }
}
