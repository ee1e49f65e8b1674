package io.modelmap.aggregator.ingest;

import static io.modelmap.schemas.topic.DeadLetterReason.KEY_MISMATCH;

import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.key.Ids;
import java.util.Optional;

/**
 * Rules of a {@code model-registered} record: a model id and a corpus id as DESIGN §4 defines them
 * (1–256 printable characters), valid benchmark ids, and the model id as key. The view reads the topic
 * with a {@link RefusingDeserializer}, which has no key: there {@code key} is null and only the value
 * is checked.
 */
public final class ModelRegisteredValidator implements Validator<ModelRegistered> {

  @Override
  public Optional<Rejection> check(String key, ModelRegistered value) {
    Optional<Rejection> ids = Validator.checkId(Ids.Kind.MODEL, value.getModelId())
        .or(() -> Validator.checkId(Ids.Kind.CORPUS, value.getCorpusId()));
    for (int i = 0; ids.isEmpty() && i < value.getBenchmarks().size(); i++) {
      ids = Validator.checkId(Ids.Kind.BENCHMARK, value.getBenchmarks().get(i));
    }
    if (ids.isPresent()) {
      return ids;
    }
    if (key != null && !key.equals(value.getModelId())) {
      return Optional.of(new Rejection(KEY_MISMATCH, "record key '" + key + "' differs from its modelId '"
          + value.getModelId() + "'"));
    }
    return Optional.empty();
  }
}
