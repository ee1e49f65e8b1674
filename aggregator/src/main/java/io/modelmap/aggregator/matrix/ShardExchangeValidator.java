package io.modelmap.aggregator.matrix;

import static io.modelmap.schemas.topic.DeadLetterReason.KEY_MISMATCH;
import static io.modelmap.schemas.topic.DeadLetterReason.NON_FINITE;
import static io.modelmap.schemas.topic.DeadLetterReason.OVERSIZE;
import static io.modelmap.schemas.topic.DeadLetterReason.SHARD_OUT_OF_RANGE;
import static io.modelmap.schemas.topic.DeadLetterReason.UNEXPECTED_KIND;
import static io.modelmap.schemas.topic.DeadLetterReason.WRONG_HOME_SHARD;

import io.modelmap.aggregator.ingest.Validator;
import io.modelmap.schemas.avro.ShardCandidate;
import io.modelmap.schemas.avro.ShardExchange;
import io.modelmap.schemas.avro.ShardExchangeKind;
import io.modelmap.schemas.key.Ids;
import io.modelmap.schemas.topic.DeadLetterReason;
import java.util.Optional;

/**
 * Rules every record on the shards' loop topic ({@code <application id>-shard-exchange}) must follow on its own,
 * before it touches a shard's state: a ROW or a REPLY (a FRAME never travels the loop), keyed corpusId NUL
 * toShard, valid ids, shard numbers in 0 … S − 1, the model's home shard where the record names it (a ROW comes
 * from it, a REPLY goes to it), finite values, at most k candidates. What needs the shard's state (the corpus's
 * N, whether the model is complete) is checked by {@link ShardExchanges#refusal}.
 */
public final class ShardExchangeValidator implements Validator<ShardExchange> {
  private final int shards;
  private final int neighborCount;

  /** For S = {@code shards} shards whose replies carry at most k = {@code neighborCount} candidates. */
  public ShardExchangeValidator(int shards, int neighborCount) {
    this.shards = shards;
    this.neighborCount = neighborCount;
  }

  @Override
  public Optional<Rejection> check(String key, ShardExchange value) {
    if (value.getKind() != ShardExchangeKind.ROW && value.getKind() != ShardExchangeKind.REPLY) {
      return reject(UNEXPECTED_KIND, "a " + value.getKind() + " on the shard exchange, which carries ROW and REPLY"
          + " records only; only the aggregator writes this topic: do not publish to it");
    }
    Optional<Rejection> ids = Validator.checkId(Ids.Kind.CORPUS, value.getCorpusId())
        .or(() -> Validator.checkId(Ids.Kind.MODEL, value.getModelId()));
    if (ids.isPresent()) {
      return ids;
    }
    Optional<Rejection> range = shardInRange("toShard", value.getToShard())
        .or(() -> shardInRange("fromShard", value.getFromShard()));
    if (range.isPresent()) {
      return range;
    }
    String expectedKey = ModelShards.key(value.getCorpusId(), value.getToShard());
    if (!expectedKey.equals(key)) {
      return reject(KEY_MISMATCH, "record key '" + key + "' is not corpusId NUL toShard ('" + expectedKey + "')");
    }
    int home = ModelShards.shardOf(value.getModelId(), shards);
    boolean row = value.getKind() == ShardExchangeKind.ROW;
    int named = row ? value.getFromShard() : value.getToShard();
    if (named != home) {
      return reject(WRONG_HOME_SHARD, "model " + value.getModelId() + " lives on shard " + home + " of " + shards
          + " but this " + value.getKind() + " names shard " + named + " as its home ("
          + (row ? "fromShard" : "toShard") + "); every instance of the application must run with the same --shards");
    }
    return row ? checkRow(value) : checkReply(value);
  }

  private Optional<Rejection> shardInRange(String field, int shard) {
    if (shard >= 0 && shard < shards) {
      return Optional.empty();
    }
    return reject(SHARD_OUT_OF_RANGE, field + " " + shard + " is not a shard of 0 … " + (shards - 1) + " (--shards "
        + shards + "); every instance of the application must run with the same --shards");
  }

  private static Optional<Rejection> checkRow(ShardExchange row) {
    if (!Double.isFinite(row.getMeanLogLikelihood())) {
      return reject(NON_FINITE, "the row's mean log-likelihood is " + row.getMeanLogLikelihood());
    }
    for (int s = 0; s < row.getValues().size(); s++) {
      double value = row.getValues().get(s);
      if (!Double.isFinite(value)) {
        return reject(NON_FINITE, "the row's value " + s + " is " + value);
      }
    }
    return Optional.empty();
  }

  private Optional<Rejection> checkReply(ShardExchange reply) {
    if (reply.getCandidates().size() > neighborCount) {
      return reject(OVERSIZE, "the reply holds " + reply.getCandidates().size() + " candidates, more than k = "
          + neighborCount + ", the neighbour count of this instance; every instance of the application must run the same"
          + " release with the same settings");
    }
    for (ShardCandidate candidate : reply.getCandidates()) {
      Optional<Rejection> id = Validator.checkId(Ids.Kind.MODEL, candidate.getModelId());
      if (id.isPresent()) {
        return id;
      }
      if (!Double.isFinite(candidate.getKlNats())) {
        return reject(NON_FINITE, "candidate " + candidate.getModelId() + " has KL " + candidate.getKlNats());
      }
    }
    return Optional.empty();
  }

  private static Optional<Rejection> reject(DeadLetterReason reason, String message) {
    return Optional.of(new Rejection(reason, message));
  }
}
