package io.modelmap.producer.fanout;

import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.avro.ScoreTask;
import java.util.ArrayList;
import java.util.List;

/** Splits a model's corpus into score tasks of at most {@code textsPerTask} texts. */
public final class TaskFanout {
  private final int textsPerTask;

  public TaskFanout(int textsPerTask) {
    if (textsPerTask < 1) {
      throw new IllegalArgumentException("textsPerTask must be at least 1, was " + textsPerTask);
    }
    this.textsPerTask = textsPerTask;
  }

  /** Tasks with ids {@code <model>/<corpus>/<first index>}, stable so that re-fanning is idempotent downstream. */
  public List<ScoreTask> tasks(ModelRegistered model, List<String> textIds) {
    List<ScoreTask> tasks = new ArrayList<>();
    for (int from = 0; from < textIds.size(); from += textsPerTask) {
      tasks.add(ScoreTask.newBuilder()
          .setTaskId(model.getModelId() + "/" + model.getCorpusId() + "/" + from)
          .setModelId(model.getModelId()).setSourceUri(model.getSourceUri()).setDtype(model.getDtype())
          .setCorpusId(model.getCorpusId())
          .setTextIds(List.copyOf(textIds.subList(from, Math.min(textIds.size(), from + textsPerTask))))
          .setAttempt(0).build());
    }
    return tasks;
  }
}
