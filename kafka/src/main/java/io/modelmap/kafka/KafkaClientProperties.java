package io.modelmap.kafka;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Kafka client settings a user gives on top of the aggregator's own: security settings
 * ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}) or a Streams setting such as
 * {@code replication.factor}. They are many string keys by nature, so they are carried as they are
 * and checked by Kafka when a client is created; this wrapper keeps them out of method signatures
 * as a string-keyed map, and gives each kind of client the settings it knows.
 */
public final class KafkaClientProperties {
  private static final KafkaClientProperties NONE = new KafkaClientProperties(Map.of());

  private final Map<String, Object> values;

  private KafkaClientProperties(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  /** No extra settings. */
  public static KafkaClientProperties none() {
    return NONE;
  }

  /** The settings of a properties file (such as {@code --client-config}). */
  public static KafkaClientProperties of(Properties properties) {
    KafkaClientProperties all = NONE;
    for (String key : properties.stringPropertyNames()) {
      all = all.with(key, properties.getProperty(key));
    }
    return all;
  }

  /** These settings and {@code key = value} (replacing an earlier value of {@code key}). */
  public KafkaClientProperties with(String key, Object value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, () -> "value of Kafka client setting " + key);
    if (key.isBlank()) {
      throw new IllegalArgumentException("a Kafka client setting needs a name");
    }
    Map<String, Object> more = new LinkedHashMap<>(values);
    more.put(key, value);
    return new KafkaClientProperties(more);
  }

  public void forEach(BiConsumer<String, Object> each) {
    values.forEach(each);
  }

  /** Puts every setting into {@code target} (a Kafka Streams configuration passes each on to its clients). */
  public void copyInto(Properties target) {
    target.putAll(values);
  }

  /**
   * The settings one kind of client knows ({@code clientSettings}, e.g. {@code ProducerConfig.configNames()}),
   * a setting named {@code prefix + name} (e.g. {@code producer.}) counting as {@code name}.
   */
  public Properties forClient(Set<String> clientSettings, String prefix) {
    Properties props = new Properties();
    values.forEach((key, value) -> {
      String name = key.startsWith(prefix) ? key.substring(prefix.length()) : key;
      if (clientSettings.contains(name)) {
        props.put(name, value);
      }
    });
    return props;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KafkaClientProperties that && values.equals(that.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  /** The names only: values may be secrets. */
  @Override
  public String toString() {
    return "KafkaClientProperties" + values.keySet();
  }
}
