package io.modelmap.aggregator.ingest;

import static io.modelmap.schemas.topic.DeadLetterReason.INVALID;
import static io.modelmap.schemas.topic.DeadLetterReason.NULL_VALUE;
import static io.modelmap.schemas.topic.DeadLetterReason.UNDECODABLE;

import io.modelmap.schemas.registry.RegistryUnavailableException;
import io.modelmap.schemas.topic.DeadLetterReason;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Whether raw bytes become a record the aggregator accepts: decoded, non-null and valid, or refused
 * with a rule and a message. Never throws, whatever the bytes; only a schema registry that cannot
 * answer ({@link RegistryUnavailableException}) is thrown, so the record is read again rather than lost,
 * and a failure of the JVM itself ({@link VirtualMachineError}). Anything else a decoder or validator
 * throws, errors included, is the record's fault.
 *
 * @param value the accepted record, or null
 * @param rejection why the record was refused, when it was
 */
public record Admission<V>(V value, Validator.Rejection rejection) {

  public static <V> Admission<V> of(Deserializer<V> deserializer, Validator<V> validator, String topic, String key,
      byte[] bytes) {
    V value;
    try {
      value = deserializer.deserialize(topic, bytes);
    } catch (RegistryUnavailableException | VirtualMachineError e) {
      throw e; // the record may be fine: read it again once the registry answers (or the JVM is failing)
    } catch (Throwable e) {
      return rejected(UNDECODABLE, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    if (value == null) {
      return rejected(NULL_VALUE, "record has no value");
    }
    Optional<Validator.Rejection> rejection;
    try {
      rejection = validator.check(key, value);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      return rejected(INVALID, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    return rejection.<Admission<V>>map(r -> new Admission<>(null, r)).orElseGet(() -> new Admission<>(value, null));
  }

  private static <V> Admission<V> rejected(DeadLetterReason rule, String message) {
    return new Admission<>(null, new Validator.Rejection(rule, message));
  }

  public boolean accepted() {
    return rejection == null;
  }
}
