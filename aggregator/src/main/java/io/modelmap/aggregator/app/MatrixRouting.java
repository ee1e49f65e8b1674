package io.modelmap.aggregator.app;

/**
 * How texts, scores and registrations reach the matrix, where every model's row of a corpus must meet.
 * By default all three are repartitioned by corpus id, one more exactly-once hop (and commit) on a
 * score's way. When {@code corpus-texts}, {@code text-scores} and {@code model-registered} have one
 * partition each (the embedded default, small deployments) they already meet in one task, and the hop
 * is skipped.
 */
public enum MatrixRouting {
  REPARTITION, DIRECT;

  /**
   * DIRECT exactly when the three source topics have a single partition: a registration (keyed by model)
   * on a partition of its own would reach a task that holds no corpus.
   */
  public static MatrixRouting forPartitions(int textPartitions, int scorePartitions, int registrationPartitions) {
    return textPartitions == 1 && scorePartitions == 1 && registrationPartitions == 1 ? DIRECT : REPARTITION;
  }
}
