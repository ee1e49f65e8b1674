package io.modelmap.schemas.topic;

import org.apache.kafka.common.serialization.Serde;

/**
 * A topic with the serdes of its keys and values.
 *
 * @param name topic name
 * @param keySerde serde of the keys
 * @param valueSerde serde of the values
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {}
