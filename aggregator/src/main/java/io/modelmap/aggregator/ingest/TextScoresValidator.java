package io.modelmap.aggregator.ingest;

import static io.modelmap.schemas.topic.DeadLetterReason.DUPLICATE_TEXT;
import static io.modelmap.schemas.topic.DeadLetterReason.EMPTY;
import static io.modelmap.schemas.topic.DeadLetterReason.KEY_MISMATCH;
import static io.modelmap.schemas.topic.DeadLetterReason.MISSING_CORPUS;
import static io.modelmap.schemas.topic.DeadLetterReason.NON_FINITE;
import static io.modelmap.schemas.topic.DeadLetterReason.NO_TOKENS;
import static io.modelmap.schemas.topic.DeadLetterReason.OVERSIZE;
import static io.modelmap.schemas.topic.DeadLetterReason.POSITIVE_LOG_LIKELIHOOD;

import io.modelmap.schemas.avro.TextScore;
import io.modelmap.schemas.avro.TextScores;
import io.modelmap.schemas.topic.DeadLetterReason;
import java.util.HashSet;
import io.modelmap.schemas.key.Ids;
import java.util.Optional;
import java.util.Set;

/**
 * Rules every {@code text-scores} record must follow on its own: the key is its model, it names a
 * corpus, and each text appears once with a finite, non-positive log-likelihood over at least one
 * token, or 0 for imported rows whose token counts are unknown (a log-probability of a whole text
 * cannot exceed 0).
 */
public final class TextScoresValidator implements Validator<TextScores> {
  /** Most entries one record may hold; larger records are refused rather than risk memory. */
  static final int MAX_ENTRIES = 100_000;

  @Override
  public Optional<Rejection> check(String key, TextScores value) {
    if (key == null || !key.equals(value.getModelId())) {
      return reject(KEY_MISMATCH, "record key '" + key + "' differs from its modelId '" + value.getModelId()
          + "'; text-scores must be keyed by model id");
    }
    if (value.getCorpusId().isBlank()) {
      return reject(MISSING_CORPUS, "corpusId is empty");
    }
    Optional<Rejection> ids = Validator.checkId(Ids.Kind.MODEL, value.getModelId())
        .or(() -> Validator.checkId(Ids.Kind.CORPUS, value.getCorpusId()));
    if (ids.isPresent()) {
      return ids;
    }
    if (value.getScores().size() > MAX_ENTRIES) {
      return reject(OVERSIZE, "the record holds " + value.getScores().size() + " scores; split it into records of at most "
          + MAX_ENTRIES);
    }
    if (value.getScores().isEmpty()) {
      return reject(EMPTY, "the record holds no scores");
    }
    Set<String> seen = new HashSet<>();
    for (TextScore score : value.getScores()) {
      double ll = score.getLogLikelihood();
      Optional<Rejection> textId = Validator.checkId(Ids.Kind.TEXT, score.getTextId());
      if (textId.isPresent()) {
        return textId;
      }
      if (!seen.add(score.getTextId())) {
        return reject(DUPLICATE_TEXT, "text " + score.getTextId() + " appears twice in one record");
      }
      if (!Double.isFinite(ll)) {
        return reject(NON_FINITE, "log-likelihood of text " + score.getTextId() + " is " + ll);
      }
      if (ll > 0) {
        return reject(POSITIVE_LOG_LIKELIHOOD, "log-likelihood of text " + score.getTextId() + " is " + ll
            + " > 0; scores must be log-probabilities (natural log, summed over tokens)");
      }
      if (score.getTokensScored() < 0) {
        return reject(NO_TOKENS, "text " + score.getTextId() + " reports " + score.getTokensScored()
            + " tokens scored");
      }
    }
    return Optional.empty();
  }

  private static Optional<Rejection> reject(DeadLetterReason rule, String message) {
    return Optional.of(new Rejection(rule, message));
  }
}
