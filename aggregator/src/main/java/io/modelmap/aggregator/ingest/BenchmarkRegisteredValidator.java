package io.modelmap.aggregator.ingest;

import static io.modelmap.schemas.topic.DeadLetterReason.KEY_MISMATCH;
import static io.modelmap.schemas.topic.DeadLetterReason.NEGATIVE_SHOTS;

import io.modelmap.schemas.avro.BenchmarkRegistered;
import io.modelmap.schemas.key.Ids;
import java.util.Optional;

/** Rules of a {@code benchmark-registered} record: keyed by its benchmark id, shots not negative. */
public final class BenchmarkRegisteredValidator implements Validator<BenchmarkRegistered> {

  @Override
  public Optional<Rejection> check(String key, BenchmarkRegistered value) {
    Optional<Rejection> id = Validator.checkId(Ids.Kind.BENCHMARK, value.getBenchmarkId());
    if (id.isPresent()) {
      return id;
    }
    if (!value.getBenchmarkId().toString().equals(key)) {
      return Optional.of(new Rejection(KEY_MISMATCH, "record key '" + key + "' should be the benchmark id '"
          + value.getBenchmarkId() + "'"));
    }
    if (value.getShots() != null && value.getShots() < 0) {
      return Optional.of(new Rejection(NEGATIVE_SHOTS, "benchmark " + key + " has " + value.getShots()
          + " shots; give 0 or more, or leave it empty"));
    }
    return Optional.empty();
  }
}
