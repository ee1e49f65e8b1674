package io.modelmap.aggregator.embedding;

import io.modelmap.math.embed.QuestionSide;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A model's embedding with how well it predicts the model's own answers: on the questions it was
 * fitted on and on the held-out ones (null when the model answered none of those), and the benchmarks
 * whose answers it was fitted on.
 */
record FittedEmbedding(double[] embedding, int questions, double trainingAccuracy, Double heldOutAccuracy,
    Set<String> benchmarks) {

  /** One answered question: its decoder features, whether the answer was right, held out, its benchmark. */
  record Answer(double[] features, boolean correct, boolean heldOut, String benchmark) {}

  static FittedEmbedding of(double[] embedding, QuestionSide side, List<Answer> answers) {
    int trained = 0;
    int trainedRight = 0;
    int held = 0;
    int heldRight = 0;
    Set<String> benchmarks = new TreeSet<>();
    for (Answer a : answers) {
      boolean predicted = side.probability(embedding, a.features()) >= 0.5;
      if (a.heldOut()) {
        held++;
        heldRight += predicted == a.correct() ? 1 : 0;
      } else {
        trained++;
        benchmarks.add(a.benchmark());
        trainedRight += predicted == a.correct() ? 1 : 0;
      }
    }
    return new FittedEmbedding(embedding, trained, trained == 0 ? Double.NaN : (double) trainedRight / trained,
        held == 0 ? null : (double) heldRight / held, Set.copyOf(benchmarks));
  }
}
