package io.modelmap.cli.runtime;

import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.TopicFollower;
import io.modelmap.schemas.avro.DeadLetter;
import io.modelmap.schemas.avro.ScoreTask;
import io.modelmap.schemas.topic.Topic;
import io.modelmap.schemas.topic.Topics;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Why a run's models will never be mapped, read from the dead-letter topics while the broker still runs: a score
 * task the scorer refused or failed every attempt of, a model registration or a score the aggregator refused (all
 * keyed or decodable to a model id). Each call reads only what was dead-lettered since the previous one.
 */
final class DeadLetterReasons implements AutoCloseable {
  private final Topic<String, ScoreTask> tasks;
  private final TopicFollower<String, DeadLetter> deadTasks;
  private final TopicFollower<String, DeadLetter> deadRegistrations;
  private final TopicFollower<String, DeadLetter> deadScores;

  /** Who refused a model ("the scorer", "the aggregator") and the dead letter's message. */
  record Refusal(String by, String message) {
    @Override
    public String toString() {
      return "refused by " + by + ": " + message;
    }
  }

  DeadLetterReasons(KafkaConnection connection) {
    Topics topics = connection.topics();
    this.tasks = topics.scoreTasks();
    this.deadTasks = new TopicFollower<>(connection, topics.deadLetters(tasks.name()));
    this.deadRegistrations = new TopicFollower<>(connection, topics.deadLetters(topics.modelRegistered().name()));
    this.deadScores = new TopicFollower<>(connection, topics.deadLetters(topics.textScores().name()));
  }

  /** The models of {@code models} dead-lettered since the last call, each with the first reason. */
  Map<String, Refusal> newModels(Set<String> models) {
    Map<String, Refusal> found = new TreeMap<>();
    deadTasks.catchUp((key, letter) -> {
      String model = modelOf(letter);
      if (model != null && models.contains(model)) {
        found.putIfAbsent(model, new Refusal("the scorer", letter.getMessage()));
      }
    });
    deadRegistrations.catchUp((model, letter) -> {
      if (models.contains(model)) {
        found.putIfAbsent(model, new Refusal("the aggregator", "its registration: " + letter.getMessage()));
      }
    });
    deadScores.catchUp((model, letter) -> {
      if (models.contains(model)) {
        found.putIfAbsent(model, new Refusal("the aggregator", "its scores: " + letter.getMessage()));
      }
    });
    return found;
  }

  private String modelOf(DeadLetter letter) {
    try {
      ScoreTask task = tasks.valueSerde().deserializer().deserialize(tasks.name(), bytes(letter.getOriginalValue()));
      return task == null ? null : task.getModelId();
    } catch (RuntimeException e) {
      return null; // an undecodable task names no model
    }
  }

  private static byte[] bytes(ByteBuffer buffer) {
    if (buffer == null) {
      return null;
    }
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }

  @Override
  public void close() {
    deadTasks.close();
    deadRegistrations.close();
    deadScores.close();
  }
}
