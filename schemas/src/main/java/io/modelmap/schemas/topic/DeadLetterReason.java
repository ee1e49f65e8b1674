package io.modelmap.schemas.topic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every reason a service writes into a dead letter's {@code errorClass}, with the topics (default names,
 * without a prefix) where it happens and the simple names of the classes that check it. {@link #code()} is
 * the string written to {@code <topic>-dlq}: operators and the API match on it, so it never changes.
 * The dead-letter reason table of the docs lists every code ({@code DeadLetterReasonDocsTest}).
 */
public enum DeadLetterReason {
  /** Bytes that do not decode, or claim a length the record cannot hold; a changelog record a restore left out. */
  UNDECODABLE("undecodable", Sources.plus(Sources.ADMITTED, "model-registered", "score-tasks", "<store>-changelog"),
      List.of("Admission", "UndecodableViewRecords", "RestoreRejects", "ScorerWorker")),
  /** A record with no value (a tombstone on a source topic). */
  NULL_VALUE("null-value", Sources.ADMITTED, List.of("Admission")),
  /** A validator that threw on the record instead of naming a rule. */
  INVALID("invalid", Sources.ADMITTED, List.of("Admission")),
  /** An id that is not an id of its kind (DESIGN §4). */
  INVALID_ID("invalid-id", Sources.plus(Sources.ADMITTED, "model-registered", "score-tasks"),
      List.of("Validator", "ModelRegisteredValidator", "ScorerWorker")),
  /** A record key that differs from the ids in its value. */
  KEY_MISMATCH("key-mismatch", Sources.plus(Sources.ADMITTED, "model-registered"),
      List.of("TextScoresValidator", "TextChunkValidator", "McItemValidator", "McAnswersValidator",
          "BenchmarkScoreValidator", "BenchmarkRegisteredValidator", "ModelResponsesValidator",
          "ModelRegisteredValidator", "ShardExchangeValidator")),
  MISSING_CORPUS("missing-corpus", List.of("text-scores"), List.of("TextScoresValidator")),
  /** A record that holds no scores, answers or responses. */
  EMPTY("empty", List.of("text-scores", "mc-answers", "model-responses"),
      List.of("TextScoresValidator", "McAnswersValidator", "ModelResponsesValidator")),
  /** Over a size limit: entries per record, texts per corpus, characters per response. */
  OVERSIZE("oversize", List.of("text-scores", "corpus-texts", "mc-answers", "model-responses", Sources.SHARD_EXCHANGE),
      List.of("TextScoresValidator", "TextChunkValidator", "McAnswersValidator", "ModelResponsesValidator",
          "ShardExchangeValidator")),
  DUPLICATE_TEXT("duplicate-text", List.of("text-scores"), List.of("TextScoresValidator")),
  /** A NaN or infinite value: a log-likelihood, or (the shards' loop) a row's value or a reply's KL. */
  NON_FINITE("non-finite", List.of("text-scores", Sources.SHARD_EXCHANGE),
      List.of("TextScoresValidator", "ShardExchangeValidator")),
  POSITIVE_LOG_LIKELIHOOD("positive-log-likelihood", List.of("text-scores"), List.of("TextScoresValidator")),
  NO_TOKENS("no-tokens", List.of("text-scores"), List.of("TextScoresValidator")),
  /** Scores of texts that never arrived within the wait. */
  UNKNOWN_TEXT("unknown-text", List.of("text-scores"), List.of("MatrixProcessor")),
  /** Scores of a model not registered on their corpus, after waiting parked for the pending timeout. */
  UNREGISTERED_MODEL("unregistered-model", List.of("text-scores"), List.of("MatrixProcessor")),
  INDEX_OUT_OF_RANGE("index-out-of-range", List.of("corpus-texts"), List.of("TextChunkValidator")),
  EMPTY_TEXT("empty-text", List.of("corpus-texts"), List.of("TextChunkValidator")),
  /** A carried text whose UTF-8 length is not its {@code byteLength}. */
  BYTE_LENGTH_MISMATCH("byte-length-mismatch", List.of("corpus-texts"), List.of("TextChunkValidator")),
  /** A second, different text at a column another text already holds. */
  CONFLICTING_TEXT("conflicting-text", List.of("corpus-texts"), List.of("MatrixProcessor")),
  MISSING_ID("missing-id", List.of("mc-items"), List.of("McItemValidator")),
  TOO_FEW_CHOICES("too-few-choices", List.of("mc-items"), List.of("McItemValidator")),
  GOLD_OUT_OF_RANGE("gold-out-of-range", List.of("mc-items"), List.of("McItemValidator")),
  CONFLICTING_ITEM("conflicting-item", List.of("mc-items"), List.of("AgreementProcessor")),
  MISSING_BENCHMARK("missing-benchmark", List.of("mc-answers"), List.of("McAnswersValidator")),
  DUPLICATE_ITEM("duplicate-item", List.of("mc-answers"), List.of("McAnswersValidator")),
  NEGATIVE_CHOICE("negative-choice", List.of("mc-answers"), List.of("McAnswersValidator")),
  BAD_LOG_LIKELIHOOD("bad-log-likelihood", List.of("mc-answers"), List.of("McAnswersValidator")),
  /** A chosen index past the record's own choices, or past the item's. */
  CHOICE_OUT_OF_RANGE("choice-out-of-range", List.of("mc-answers"),
      List.of("McAnswersValidator", "AgreementProcessor")),
  /** Answers to items that never arrived within the wait. */
  UNKNOWN_ITEM("unknown-item", List.of("mc-answers"), List.of("AgreementProcessor")),
  NON_FINITE_SCORE("non-finite-score", List.of("benchmark-scores"), List.of("BenchmarkScoreValidator")),
  /** A score outside its metric's range ({@code ScoreRanges}). */
  IMPLAUSIBLE_SCORE("implausible-score", List.of("benchmark-scores"), List.of("BenchmarkScoreValidator")),
  NEGATIVE_SHOTS("negative-shots", List.of("benchmark-registered"), List.of("BenchmarkRegisteredValidator")),
  DUPLICATE_PROMPT("duplicate-prompt", List.of("model-responses"), List.of("ModelResponsesValidator")),
  /** A FRAME (or any kind but ROW and REPLY) on the shards' loop topic, which carries rows and replies only. */
  UNEXPECTED_KIND("unexpected-kind", List.of(Sources.SHARD_EXCHANGE), List.of("ShardExchangeValidator")),
  /** A shard number outside 0 … S − 1 on the shards' loop topic. */
  SHARD_OUT_OF_RANGE("shard-out-of-range", List.of(Sources.SHARD_EXCHANGE), List.of("ShardExchangeValidator")),
  /** A row or reply whose model's home shard (its id's hash mod S) is not the one the record names. */
  WRONG_HOME_SHARD("wrong-home-shard", List.of(Sources.SHARD_EXCHANGE), List.of("ShardExchangeValidator")),
  /** A row whose length is not its corpus's number of texts N, as the receiving shard knows the corpus. */
  ROW_LENGTH_MISMATCH("row-length-mismatch", List.of(Sources.SHARD_EXCHANGE), List.of("ShardExchanges")),
  /** A row or reply for a corpus its model's home shard does not know (no shard can have completed it). */
  UNKNOWN_CORPUS("unknown-corpus", List.of(Sources.SHARD_EXCHANGE), List.of("ShardExchanges")),
  /** A row or reply for a model that is not complete on its home shard (only a completion sends a row). */
  UNKNOWN_MODEL("unknown-model", List.of(Sources.SHARD_EXCHANGE), List.of("ShardExchanges")),
  /** A model source outside the worker's roots, or of an architecture it cannot load: refused at once. */
  SOURCE_REFUSED("source-refused", List.of("score-tasks"), List.of("ScorerWorker")),
  /** A task whose scoring failed on every attempt. */
  FAILED_AFTER_RETRIES("failed-after-retries", List.of("score-tasks"), List.of("ScorerWorker"));

  /** How {@link #topics()} names the shards' loop topic, whose name starts with the application id. */
  public static final String SHARD_EXCHANGE_TOPIC = "<application id>-shard-exchange";

  private final String code;
  private final List<String> topics;
  private final List<String> checkedBy;

  DeadLetterReason(String code, List<String> topics, List<String> checkedBy) {
    this.code = code;
    this.topics = List.copyOf(topics);
    this.checkedBy = List.copyOf(checkedBy);
  }

  /** The string written to a dead letter's {@code errorClass}. */
  public String code() {
    return code;
  }

  /** Default names of the topics whose records can be dead-lettered for this reason. */
  public List<String> topics() {
    return topics;
  }

  /** Simple names of the classes that check this reason. */
  public List<String> checkedBy() {
    return checkedBy;
  }

  /** The reason written as {@code code}, if there is one. */
  public static Optional<DeadLetterReason> ofCode(String code) {
    return Arrays.stream(values()).filter(reason -> reason.code.equals(code)).findFirst();
  }

  /** Topic groups named by several reasons (an enum constant cannot read the enum's own static fields). */
  private static final class Sources {
    /** The source topics the aggregator decodes and validates through {@code Admission}. */
    static final List<String> ADMITTED = List.of("text-scores", "corpus-texts", "mc-items", "mc-answers",
        "benchmark-scores", "benchmark-registered", "model-responses", Sources.SHARD_EXCHANGE);
    /** The shards' loop topic ({@code --shards} above 1), named after the application id: decoded through Admission. */
    static final String SHARD_EXCHANGE = DeadLetterReason.SHARD_EXCHANGE_TOPIC;

    static List<String> plus(List<String> topics, String... more) {
      List<String> all = new ArrayList<>(topics);
      all.addAll(List.of(more));
      return all;
    }
  }
}
