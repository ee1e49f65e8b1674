package io.modelmap.producer.fanout;

import io.modelmap.kafka.Publisher;
import io.modelmap.producer.registration.ModelRegistrar;
import io.modelmap.schemas.avro.GenerationSpec;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.avro.PromptText;
import io.modelmap.schemas.avro.ScoreTask;
import io.modelmap.schemas.topic.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Registers a model and publishes its score tasks: the corpus's texts, each benchmark's items, then its prompts. */
public final class ModelOnboarding {
  private final Publisher publisher;
  private final Topics topics;
  private final TaskFanout fanout;

  public ModelOnboarding(Publisher publisher, Topics topics, TaskFanout fanout) {
    this.publisher = publisher;
    this.topics = topics;
    this.fanout = fanout;
  }

  /** Returns the number of tasks published. */
  public int onboard(ModelRegistered model, List<String> textIds, Map<String, List<String>> itemIdsByBenchmark) {
    return onboard(model, textIds, itemIdsByBenchmark, List.of(), null);
  }

  /** As above, with generation tasks for {@code prompts} when there are any. */
  public int onboard(ModelRegistered model, List<String> textIds, Map<String, List<String>> itemIdsByBenchmark,
      List<PromptText> prompts, GenerationSpec generation) {
    new ModelRegistrar(publisher, topics.modelRegistered()).register(model);
    List<ScoreTask> tasks = new ArrayList<>(fanout.tasks(model, textIds));
    for (CharSequence benchmark : model.getBenchmarks()) {
      List<String> items = itemIdsByBenchmark.getOrDefault(benchmark.toString(), List.of());
      tasks.addAll(fanout.mcTasks(model, benchmark.toString(), items));
    }
    if (!prompts.isEmpty()) {
      tasks.addAll(fanout.generationTasks(model, prompts, generation));
    }
    for (ScoreTask task : tasks) {
      publisher.send(topics.scoreTasks(), task.getModelId(), task);
    }
    return tasks.size();
  }
}
