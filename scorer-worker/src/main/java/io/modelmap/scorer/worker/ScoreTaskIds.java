package io.modelmap.scorer.worker;

import io.modelmap.schemas.avro.ScoreTask;
import io.modelmap.schemas.key.Ids;
import java.util.Optional;

/**
 * The ids a score task carries, checked as DESIGN §4 defines them before a model is loaded for it: a
 * task for an empty or 10,240-character model id is dead-lettered {@code invalid-id}, not scored into
 * text-scores the aggregator would refuse record by record.
 */
final class ScoreTaskIds {
  private ScoreTaskIds() {}

  /** Empty when every id is valid; otherwise what is wrong with the first that is not. */
  static Optional<String> problem(ScoreTask task) {
    Optional<String> problem = Ids.problem(Ids.Kind.MODEL, task.getModelId())
        .or(() -> Ids.problem(Ids.Kind.CORPUS, task.getCorpusId()));
    if (problem.isEmpty() && task.getBenchmarkId() != null) {
      problem = Ids.problem(Ids.Kind.BENCHMARK, task.getBenchmarkId());
    }
    for (int i = 0; problem.isEmpty() && i < task.getTextIds().size(); i++) {
      problem = Ids.problem(Ids.Kind.TEXT, task.getTextIds().get(i));
    }
    for (int i = 0; problem.isEmpty() && i < task.getItemIds().size(); i++) {
      problem = Ids.problem(Ids.Kind.ITEM, task.getItemIds().get(i));
    }
    return problem;
  }
}
