package io.modelmap.aggregator.matrix;

import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/** Empty in-memory stores under the matrix's store names, for a processor in a {@code MockProcessorContext}. */
final class MatrixTestStores {
  private MatrixTestStores() {}

  static List<KeyValueStore<?, ?>> empty() {
    return List.of(
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(MatrixStores.TEXTS), Serdes.String(), Serdes.ByteArray())
            .withLoggingDisabled().build(),
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(MatrixStores.SCORES), Serdes.Bytes(), Serdes.ByteArray())
            .withLoggingDisabled().build(),
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(MatrixStores.PENDING), Serdes.String(),
            Serdes.ByteArray()).withLoggingDisabled().build(),
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(MatrixStores.COMPLETIONS), Serdes.String(),
            Serdes.ByteArray()).withLoggingDisabled().build(),
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(MatrixStores.REGISTERED), Serdes.String(),
            Serdes.ByteArray()).withLoggingDisabled().build());
  }
}
