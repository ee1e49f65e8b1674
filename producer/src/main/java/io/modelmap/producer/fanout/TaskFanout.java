package io.modelmap.producer.fanout;

import io.modelmap.schemas.avro.GenerationSpec;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.avro.PromptText;
import io.modelmap.schemas.avro.ScoreTask;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Splits a model's corpus, or a benchmark it should answer, into score tasks of at most
 * {@code idsPerTask} texts or items. Task ids are stable, so re-fanning is idempotent downstream.
 */
public final class TaskFanout {
  private final int idsPerTask;

  public TaskFanout(int idsPerTask) {
    if (idsPerTask < 1) {
      throw new IllegalArgumentException("idsPerTask must be at least 1, was " + idsPerTask);
    }
    this.idsPerTask = idsPerTask;
  }

  /** Text tasks with ids {@code <model>/<corpus>/<first index>}. */
  public List<ScoreTask> tasks(ModelRegistered model, List<String> textIds) {
    return chunked(textIds, (from, chunk) -> task(model, model.getCorpusId() + "/" + from)
        .setTextIds(chunk).build());
  }

  /** Multiple-choice tasks with ids {@code <model>/<benchmark>/mc/<first index>}. */
  public List<ScoreTask> mcTasks(ModelRegistered model, String benchmarkId, List<String> itemIds) {
    return chunked(itemIds, (from, chunk) -> task(model, benchmarkId + "/mc/" + from)
        .setTextIds(List.of()).setBenchmarkId(benchmarkId).setItemIds(chunk).build());
  }

  /** Generation tasks: the prompts in chunks, each with how to generate. */
  public List<ScoreTask> generationTasks(ModelRegistered model, List<PromptText> prompts, GenerationSpec spec) {
    List<ScoreTask> tasks = new ArrayList<>();
    for (int from = 0; from < prompts.size(); from += idsPerTask) {
      tasks.add(task(model, "generate/" + from).setTextIds(List.of())
          .setPrompts(List.copyOf(prompts.subList(from, Math.min(prompts.size(), from + idsPerTask))))
          .setGeneration(spec).build());
    }
    return tasks;
  }

  private List<ScoreTask> chunked(List<String> ids, BiFunction<Integer, List<String>, ScoreTask> task) {
    List<ScoreTask> tasks = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += idsPerTask) {
      tasks.add(task.apply(from, List.copyOf(ids.subList(from, Math.min(ids.size(), from + idsPerTask)))));
    }
    return tasks;
  }

  private static ScoreTask.Builder task(ModelRegistered model, String idSuffix) {
    return ScoreTask.newBuilder().setTaskId(model.getModelId() + "/" + idSuffix)
        .setModelId(model.getModelId()).setSourceUri(model.getSourceUri()).setDtype(model.getDtype())
        .setRevision(model.getRevision()).setCorpusId(model.getCorpusId()).setAttempt(0);
  }
}
