package io.modelmap.aggregator.app;

/**
 * How texts and scores reach the matrix, where every model's row of a corpus must meet. By default
 * both are repartitioned by corpus id, one more exactly-once hop (and commit) on a score's way. When
 * {@code corpus-texts} and {@code text-scores} have one partition each (the embedded default, small
 * deployments) they already meet in one task, and the hop is skipped.
 */
public enum MatrixRouting {
  REPARTITION, DIRECT;

  /** DIRECT exactly when both source topics have a single partition. */
  public static MatrixRouting forPartitions(int textPartitions, int scorePartitions) {
    return textPartitions == 1 && scorePartitions == 1 ? DIRECT : REPARTITION;
  }
}
