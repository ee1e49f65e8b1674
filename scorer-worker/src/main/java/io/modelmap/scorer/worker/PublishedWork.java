package io.modelmap.scorer.worker;

import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.TopicFollower;
import io.modelmap.schemas.avro.McAnswer;
import io.modelmap.schemas.avro.McAnswers;
import io.modelmap.schemas.avro.ModelResponses;
import io.modelmap.schemas.avro.PromptResponse;
import io.modelmap.schemas.avro.PromptText;
import io.modelmap.schemas.avro.ScoreTask;
import io.modelmap.schemas.avro.TextScore;
import io.modelmap.schemas.avro.TextScores;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What is already on the results topics ({@code text-scores}, {@code mc-answers}, {@code model-responses}),
 * looked at before a task so that only what is missing is scored. Every run of {@code demo} and
 * {@code map} registers its models and fans them out again, and a task is delivered again after a crash:
 * without this, each such task was scored whole again, and the aggregator, which keeps the first result of
 * each (model, text), (model, item) and (model, prompt), only counted the repeats. Each topic is followed
 * incrementally: the first task of its kind reads it from the beginning, later ones what was published since.
 *
 * <p>A result counts once it is on its topic under its model's key (for a score, a finite log-likelihood
 * of at most 0): a record the aggregator would refuse for other reasons (a forged one, say) can make a
 * worker skip work, but the aggregator would have kept that first result over a re-score anyway.
 */
final class PublishedWork implements AutoCloseable {
  /** The scope of a model's prompts: a prompt id is one prompt whatever the task. */
  private static final String PROMPTS = "";

  private final TopicFollower<String, TextScores> scores;
  private final TopicFollower<String, McAnswers> answers;
  private final TopicFollower<String, ModelResponses> responses;
  private final DoneIds texts = new DoneIds();
  private final DoneIds items = new DoneIds();
  private final DoneIds prompts = new DoneIds();

  PublishedWork(KafkaConnection connection) {
    this.scores = new TopicFollower<>(connection, connection.topics().textScores());
    this.answers = new TopicFollower<>(connection, connection.topics().mcAnswers());
    this.responses = new TopicFollower<>(connection, connection.topics().modelResponses());
  }

  /** The part of {@code task} with no published result yet: the task itself, less what is done. */
  ScoreTask remaining(ScoreTask task) {
    String model = task.getModelId();
    if (task.getGeneration() != null) {
      responses.catchUp(this::readResponses);
      Set<String> open = Set.copyOf(prompts.missing(model, PROMPTS, promptIds(task)));
      return ScoreTask.newBuilder(task)
          .setPrompts(task.getPrompts().stream().filter(p -> open.contains(p.getPromptId())).toList()).build();
    }
    if (task.getBenchmarkId() != null) {
      answers.catchUp(this::readAnswers);
      return ScoreTask.newBuilder(task).setItemIds(items.missing(model, task.getBenchmarkId(), task.getItemIds()))
          .build();
    }
    scores.catchUp(this::readScores);
    return ScoreTask.newBuilder(task).setTextIds(texts.missing(model, task.getCorpusId(), task.getTextIds())).build();
  }

  /** Marks what {@code task} holds as done: its results were just sent, and a task after it must not redo them. */
  void published(ScoreTask task) {
    String model = task.getModelId();
    if (task.getGeneration() != null) {
      promptIds(task).forEach(id -> prompts.mark(model, PROMPTS, id));
    } else if (task.getBenchmarkId() != null) {
      task.getItemIds().forEach(id -> items.mark(model, task.getBenchmarkId(), id));
    } else {
      task.getTextIds().forEach(id -> texts.mark(model, task.getCorpusId(), id));
    }
  }

  /** How many texts, items or prompts {@code task} asks for. */
  static int size(ScoreTask task) {
    return task.getGeneration() != null ? task.getPrompts().size()
        : task.getBenchmarkId() != null ? task.getItemIds().size() : task.getTextIds().size();
  }

  private static List<String> promptIds(ScoreTask task) {
    return task.getPrompts().stream().map(PromptText::getPromptId).collect(Collectors.toList());
  }

  private void readScores(String key, TextScores record) {
    if (record != null && record.getModelId().equals(key)) {
      for (TextScore score : record.getScores()) {
        double ll = score.getLogLikelihood();
        if (Double.isFinite(ll) && ll <= 0) {
          texts.mark(key, record.getCorpusId(), score.getTextId());
        }
      }
    }
  }

  private void readAnswers(String key, McAnswers record) {
    if (record != null && record.getModelId().equals(key)) {
      for (McAnswer answer : record.getAnswers()) {
        items.mark(key, record.getBenchmarkId(), answer.getItemId());
      }
    }
  }

  private void readResponses(String key, ModelResponses record) {
    if (record != null && record.getModelId().equals(key)) {
      for (PromptResponse response : record.getResponses()) {
        prompts.mark(key, PROMPTS, response.getPromptId());
      }
    }
  }

  @Override
  public void close() {
    scores.close();
    answers.close();
    responses.close();
  }
}
