package io.modelmap.aggregator.ingest;

import static io.modelmap.schemas.topic.DeadLetterReason.BAD_LOG_LIKELIHOOD;
import static io.modelmap.schemas.topic.DeadLetterReason.CHOICE_OUT_OF_RANGE;
import static io.modelmap.schemas.topic.DeadLetterReason.DUPLICATE_ITEM;
import static io.modelmap.schemas.topic.DeadLetterReason.EMPTY;
import static io.modelmap.schemas.topic.DeadLetterReason.KEY_MISMATCH;
import static io.modelmap.schemas.topic.DeadLetterReason.MISSING_BENCHMARK;
import static io.modelmap.schemas.topic.DeadLetterReason.NEGATIVE_CHOICE;
import static io.modelmap.schemas.topic.DeadLetterReason.OVERSIZE;

import io.modelmap.schemas.avro.McAnswer;
import io.modelmap.schemas.avro.McAnswers;
import io.modelmap.schemas.topic.DeadLetterReason;
import java.util.HashSet;
import java.util.List;
import io.modelmap.schemas.key.Ids;
import java.util.Optional;
import java.util.Set;

/**
 * Rules every {@code mc-answers} record must follow on its own: keyed by its model, one answer per
 * item, chosen indices of -1 (unreadable) or more, per-choice log-likelihoods finite and not
 * positive, and the choice picked among them. Ranges against the item itself are checked once the
 * item is known.
 */
public final class McAnswersValidator implements Validator<McAnswers> {
  /** Most entries one record may hold; larger records are refused rather than risk memory. */
  static final int MAX_ENTRIES = 100_000;

  @Override
  public Optional<Rejection> check(String key, McAnswers value) {
    if (key == null || !key.equals(value.getModelId())) {
      return reject(KEY_MISMATCH, "record key '" + key + "' differs from its modelId '" + value.getModelId()
          + "'; mc-answers must be keyed by model id");
    }
    if (value.getBenchmarkId().isBlank()) {
      return reject(MISSING_BENCHMARK, "benchmarkId is empty");
    }
    Optional<Rejection> ids = Validator.checkId(Ids.Kind.MODEL, value.getModelId())
        .or(() -> Validator.checkId(Ids.Kind.BENCHMARK, value.getBenchmarkId()));
    if (ids.isPresent()) {
      return ids;
    }
    if (value.getAnswers().size() > MAX_ENTRIES) {
      return reject(OVERSIZE, "the record holds " + value.getAnswers().size() + " answers; split it into records of at most "
          + MAX_ENTRIES);
    }
    if (value.getAnswers().isEmpty()) {
      return reject(EMPTY, "the record holds no answers");
    }
    Set<String> seen = new HashSet<>();
    for (McAnswer answer : value.getAnswers()) {
      String item = answer.getItemId();
      Optional<Rejection> itemId = Validator.checkId(Ids.Kind.ITEM, item);
      if (itemId.isPresent()) {
        return itemId;
      }
      if (!seen.add(item)) {
        return reject(DUPLICATE_ITEM, "item " + item + " is answered twice in one record");
      }
      if (answer.getChosenIndex() < -1 || (answer.getChosenIndexNorm() != null && answer.getChosenIndexNorm() < -1)) {
        return reject(NEGATIVE_CHOICE, "item " + item + " has chosen index " + answer.getChosenIndex()
            + "; use -1 for an unreadable answer and leave unanswered items out");
      }
      Optional<Rejection> likelihoods = checkLikelihoods(item, answer.getChosenIndex(), answer.getChoiceLogLikelihoods());
      if (likelihoods.isPresent()) {
        return likelihoods;
      }
    }
    return Optional.empty();
  }

  private static Optional<Rejection> checkLikelihoods(String item, int chosen, List<Double> logLikelihoods) {
    if (logLikelihoods.isEmpty()) {
      return Optional.empty();
    }
    for (double ll : logLikelihoods) {
      if (!Double.isFinite(ll) || ll > 0) {
        return reject(BAD_LOG_LIKELIHOOD, "item " + item + " has choice log-likelihood " + ll
            + "; each must be a finite log-probability (<= 0)");
      }
    }
    if (chosen >= logLikelihoods.size()) {
      return reject(CHOICE_OUT_OF_RANGE, "item " + item + " chose " + chosen + " of " + logLikelihoods.size()
          + " scored choices");
    }
    return Optional.empty();
  }

  private static Optional<Rejection> reject(DeadLetterReason rule, String message) {
    return Optional.of(new Rejection(rule, message));
  }
}
