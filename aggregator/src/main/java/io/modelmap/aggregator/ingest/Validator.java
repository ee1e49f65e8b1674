package io.modelmap.aggregator.ingest;

import static io.modelmap.schemas.topic.DeadLetterReason.INVALID_ID;

import io.modelmap.schemas.key.Ids;
import io.modelmap.schemas.topic.DeadLetterReason;
import java.util.Optional;

/** Checks a decoded record on its own, before it touches any state. */
@FunctionalInterface
public interface Validator<V> {

  /** Empty when the record is acceptable; otherwise why not, and what to do about it. */
  Optional<Rejection> check(String key, V value);

  /** A validation failure: the rule broken and a message for the person who sent the record. */
  record Rejection(DeadLetterReason reason, String message) {

    /** The rule as written to the dead letter ({@link DeadLetterReason#code()}). */
    public String rule() {
      return reason.code();
    }
  }

  /** Rule {@code invalid-id} (DESIGN §4): {@code id} is not an id of this kind. */
  static Optional<Rejection> checkId(Ids.Kind kind, CharSequence id) {
    return Ids.problem(kind, id).map(problem -> new Rejection(INVALID_ID, problem));
  }
}
