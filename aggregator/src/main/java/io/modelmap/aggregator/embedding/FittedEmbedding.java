package io.modelmap.aggregator.embedding;

import io.modelmap.math.embed.QuestionSide;
import java.util.List;

/**
 * A model's embedding with how well it predicts the model's own answers: on the questions it was
 * fitted on and on the held-out ones (null when the model answered none of those).
 */
record FittedEmbedding(double[] embedding, int questions, double trainingAccuracy, Double heldOutAccuracy) {

  /** One answered question: its decoder features, whether the answer was right, whether it is held out. */
  record Answer(double[] features, boolean correct, boolean heldOut) {}

  static FittedEmbedding of(double[] embedding, QuestionSide side, List<Answer> answers) {
    int trained = 0;
    int trainedRight = 0;
    int held = 0;
    int heldRight = 0;
    for (Answer a : answers) {
      boolean predicted = side.probability(embedding, a.features()) >= 0.5;
      if (a.heldOut()) {
        held++;
        heldRight += predicted == a.correct() ? 1 : 0;
      } else {
        trained++;
        trainedRight += predicted == a.correct() ? 1 : 0;
      }
    }
    return new FittedEmbedding(embedding, trained, trained == 0 ? Double.NaN : (double) trainedRight / trained,
        held == 0 ? null : (double) heldRight / held);
  }
}
