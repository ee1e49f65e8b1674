package io.modelmap.producer.benchmark;

import io.modelmap.kafka.Publisher;
import io.modelmap.schemas.avro.McAnswer;
import io.modelmap.schemas.avro.McAnswers;
import io.modelmap.schemas.avro.McItem;
import io.modelmap.schemas.key.CompositeKey;
import io.modelmap.schemas.topic.Topics;
import java.util.List;

/** Publishes items to {@code mc-items} and answers to {@code mc-answers}, in records of bounded size. */
public final class BenchmarkPublisher {
  private static final int ANSWERS_PER_RECORD = 1000;

  private final Publisher publisher;
  private final Topics topics;

  public BenchmarkPublisher(Publisher publisher, Topics topics) {
    this.publisher = publisher;
    this.topics = topics;
  }

  public void publishItems(List<McItem> items) {
    for (McItem item : items) {
      publisher.send(topics.mcItems(), CompositeKey.of(item.getBenchmarkId(), item.getItemId()), item);
    }
  }

  /** Publishes a model's answers; the task id of each record names its first answer, so a re-import is deduplicated. */
  public void publishAnswers(String modelId, String benchmarkId, List<McAnswer> answers, String workerId) {
    for (int from = 0; from < answers.size(); from += ANSWERS_PER_RECORD) {
      List<McAnswer> chunk = answers.subList(from, Math.min(answers.size(), from + ANSWERS_PER_RECORD));
      publisher.send(topics.mcAnswers(), modelId, McAnswers.newBuilder().setModelId(modelId)
          .setBenchmarkId(benchmarkId).setTaskId(workerId + "/" + modelId + "/" + from).setAnswers(List.copyOf(chunk))
          .setWorkerId(workerId).build());
    }
  }
}
