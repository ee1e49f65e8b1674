package io.modelmap.aggregator.api;

import org.apache.avro.specific.SpecificRecord;

/**
 * One queryable view: the name of its Kafka Streams store and the Avro record its values are.
 *
 * @param store the store's name, also the view's name on the internal views port
 * @param type the class of its values
 */
record View<V extends SpecificRecord>(String store, Class<V> type) {

  /** The value read from the store (whose serde decodes {@link #type()}) as this view's type. */
  V cast(Object value) {
    return type.cast(value);
  }
}
