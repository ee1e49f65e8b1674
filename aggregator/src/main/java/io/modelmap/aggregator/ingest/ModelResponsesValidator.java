package io.modelmap.aggregator.ingest;

import static io.modelmap.schemas.topic.DeadLetterReason.DUPLICATE_PROMPT;
import static io.modelmap.schemas.topic.DeadLetterReason.EMPTY;
import static io.modelmap.schemas.topic.DeadLetterReason.KEY_MISMATCH;
import static io.modelmap.schemas.topic.DeadLetterReason.OVERSIZE;

import io.modelmap.schemas.avro.ModelResponses;
import io.modelmap.schemas.avro.PromptResponse;
import io.modelmap.schemas.key.Ids;
import io.modelmap.schemas.topic.DeadLetterReason;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Rules of a {@code model-responses} record: keyed by its model, at least one and at most
 * {@value #MAX_ENTRIES} responses, one per prompt, each at most {@value #MAX_CHARS} characters (a
 * comparison costs the product of two responses' lengths).
 */
public final class ModelResponsesValidator implements Validator<ModelResponses> {
  static final int MAX_ENTRIES = 10_000;
  static final int MAX_CHARS = 100_000;

  @Override
  public Optional<Rejection> check(String key, ModelResponses value) {
    Optional<Rejection> id = Validator.checkId(Ids.Kind.MODEL, value.getModelId());
    if (id.isPresent()) {
      return id;
    }
    if (!value.getModelId().toString().equals(key)) {
      return reject(KEY_MISMATCH, "record key '" + key + "' differs from its modelId '" + value.getModelId()
          + "'; model-responses must be keyed by model id");
    }
    if (value.getResponses().isEmpty()) {
      return reject(EMPTY, "the record holds no responses");
    }
    if (value.getResponses().size() > MAX_ENTRIES) {
      return reject(OVERSIZE, "the record holds " + value.getResponses().size() + " responses; split it into"
          + " records of at most " + MAX_ENTRIES);
    }
    Set<String> seen = new HashSet<>();
    for (PromptResponse response : value.getResponses()) {
      String prompt = response.getPromptId().toString();
      Optional<Rejection> promptId = Validator.checkId(Ids.Kind.ITEM, prompt);
      if (promptId.isPresent()) {
        return promptId;
      }
      if (!seen.add(prompt)) {
        return reject(DUPLICATE_PROMPT, "prompt " + prompt + " is answered twice in one record");
      }
      if (response.getResponse().length() > MAX_CHARS) {
        return reject(OVERSIZE, "the response to prompt " + prompt + " has " + response.getResponse().length()
            + " characters; at most " + MAX_CHARS + " are compared");
      }
    }
    return Optional.empty();
  }

  private static Optional<Rejection> reject(DeadLetterReason reason, String message) {
    return Optional.of(new Rejection(reason, message));
  }
}
