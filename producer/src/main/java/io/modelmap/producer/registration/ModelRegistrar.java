package io.modelmap.producer.registration;

import io.modelmap.producer.kafka.Publisher;
import io.modelmap.schemas.avro.ModelRegistered;
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
    if (!model.getModelId().matches("[A-Za-z0-9._:@+-]{1,200}")) {
      throw new IllegalArgumentException("model id '" + model.getModelId()
          + "' must be 1-200 characters of letters, digits and . _ : @ + -");
    }
    publisher.send(topic, model.getModelId(), model);
  }
}
