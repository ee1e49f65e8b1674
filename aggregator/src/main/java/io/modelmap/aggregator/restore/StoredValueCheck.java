package io.modelmap.aggregator.restore;

import io.modelmap.schemas.registry.RegistryUnavailableException;
import java.util.Arrays;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Whether a changelog value, as the restore hands it to the store, decodes: a timestamped store's
 * values carry the record's timestamp in their first 8 bytes, then the serialized value.
 */
final class StoredValueCheck {
  private static final int TIMESTAMP_BYTES = 8;
  private final Deserializer<?> values;
  private final boolean timestamped;

  StoredValueCheck(Deserializer<?> values, boolean timestamped) {
    this.values = values;
    this.timestamped = timestamped;
  }

  /** Empty when {@code stored} decodes (or is a deletion); otherwise why it does not. */
  Optional<String> problem(String topic, byte[] stored) {
    if (stored == null) {
      return Optional.empty();
    }
    try {
      values.deserialize(topic, raw(stored));
      return Optional.empty();
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      if (RegistryUnavailableException.isCauseOf(e)) {
        throw e; // the record may be fine: the restore fails and is tried again once the registry answers
      }
      return Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /** The serialized value as it was on the topic. */
  byte[] raw(byte[] stored) {
    return timestamped && stored.length >= TIMESTAMP_BYTES ? Arrays.copyOfRange(stored, TIMESTAMP_BYTES, stored.length)
        : stored;
  }
}
