package io.modelmap.aggregator.ingest;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A deserializer that also applies a {@link Validator} (without the key, which a deserializer never
 * sees): for the views Kafka Streams reads itself, so a record that decodes but breaks a rule is
 * refused wherever the view reads it, while running ({@link UndecodableViewRecords} dead-letters it
 * under its rule) and when its store is restored from the topic.
 */
public final class RefusingDeserializer<V> implements Deserializer<V> {
  private final Deserializer<V> decoder;
  private final Validator<V> validator;

  public RefusingDeserializer(Deserializer<V> decoder, Validator<V> validator) {
    this.decoder = decoder;
    this.validator = validator;
  }

  @Override
  public V deserialize(String topic, byte[] data) {
    V value = decoder.deserialize(topic, data);
    if (value != null) {
      validator.check(null, value).ifPresent(rejection -> {
        throw new Refused(rejection);
      });
    }
    return value;
  }

  /** A record that decoded but broke {@link #rejection()}'s rule. */
  public static final class Refused extends SerializationException {
    private final transient Validator.Rejection rejection;

    Refused(Validator.Rejection rejection) {
      super(rejection.rule() + ": " + rejection.message());
      this.rejection = rejection;
    }

    public Validator.Rejection rejection() {
      return rejection;
    }
  }
}
