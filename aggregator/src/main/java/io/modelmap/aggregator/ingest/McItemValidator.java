package io.modelmap.aggregator.ingest;

import static io.modelmap.schemas.topic.DeadLetterReason.GOLD_OUT_OF_RANGE;
import static io.modelmap.schemas.topic.DeadLetterReason.KEY_MISMATCH;
import static io.modelmap.schemas.topic.DeadLetterReason.MISSING_ID;
import static io.modelmap.schemas.topic.DeadLetterReason.TOO_FEW_CHOICES;

import io.modelmap.schemas.avro.McItem;
import io.modelmap.schemas.key.CompositeKey;
import io.modelmap.schemas.key.Ids;
import java.util.Optional;

/** Rules of an {@code mc-items} record: keyed benchmarkId/itemId, at least two choices, the gold among them. */
public final class McItemValidator implements Validator<McItem> {

  @Override
  public Optional<Rejection> check(String key, McItem value) {
    Optional<Rejection> ids = Validator.checkId(Ids.Kind.BENCHMARK, value.getBenchmarkId())
        .or(() -> Validator.checkId(Ids.Kind.ITEM, value.getItemId()));
    if (ids.isPresent()) {
      return ids;
    }
    String expected = CompositeKey.of(value.getBenchmarkId(), value.getItemId());
    if (!expected.equals(key)) {
      return Optional.of(new Rejection(KEY_MISMATCH, "record key '" + key + "' should be '" + expected + "'"));
    }
    if (value.getBenchmarkId().isBlank() || value.getItemId().isBlank()) {
      return Optional.of(new Rejection(MISSING_ID, "benchmarkId and itemId must not be empty"));
    }
    int choices = value.getChoices().size();
    if (choices < 2) {
      return Optional.of(new Rejection(TOO_FEW_CHOICES, "item " + key + " has " + choices
          + " choice(s); a multiple-choice item needs at least 2"));
    }
    if (value.getGoldIndex() < 0 || value.getGoldIndex() >= choices) {
      return Optional.of(new Rejection(GOLD_OUT_OF_RANGE, "gold index " + value.getGoldIndex() + " of item " + key
          + " is outside its " + choices + " choices (0-based)"));
    }
    return Optional.empty();
  }
}
