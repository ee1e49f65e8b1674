package io.modelmap.aggregator.embedding;

import io.modelmap.math.embed.Correctness;
import io.modelmap.math.embed.EmbedLlm;
import io.modelmap.math.embed.HashedTfIdfEncoder;
import io.modelmap.math.embed.QuestionSide;
import io.modelmap.math.embed.SparseVector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of every answer with its question text, taken on the stream thread and trained on the
 * background one into a new {@link Router} version: the encoder's IDF and EmbedLLM on the questions not
 * held out, then each model's accuracy on its own answers.
 */
record EmbeddingTraining(int version, List<String> models, List<String> questionTexts, boolean[] heldOut,
    List<Correctness> observations, EmbeddingSettings settings) {
  private static final double LEARNING_RATE = 3e-3;
  private static final double DECAY = 1e-6;
  private static final int BATCH = 256;

  /** The trained router and each model's fitted embedding. */
  record Trained(Router router, Map<String, FittedEmbedding> models) {}

  Trained fit() {
    List<String> trainingTexts = new ArrayList<>();
    for (int q = 0; q < questionTexts.size(); q++) {
      if (!heldOut[q]) {
        trainingTexts.add(questionTexts.get(q));
      }
    }
    HashedTfIdfEncoder encoder = HashedTfIdfEncoder.fit(trainingTexts, settings.bits());
    List<SparseVector> encoded = questionTexts.stream().map(encoder::encode).toList();
    List<Correctness> training = observations.stream().filter(c -> !heldOut[c.question()]).toList();
    EmbedLlm model = EmbedLlm.fit(models.size(), encoder, encoded, training,
        new EmbedLlm.Settings(settings.dimension(), settings.epochs(), BATCH, LEARNING_RATE, DECAY, version));
    QuestionSide side = model.questionSide();
    List<double[]> features = encoded.stream().map(side::features).toList();
    List<List<FittedEmbedding.Answer>> answers = new ArrayList<>();
    models.forEach(m -> answers.add(new ArrayList<>()));
    for (Correctness c : observations) {
      answers.get(c.model()).add(new FittedEmbedding.Answer(features.get(c.question()), c.correct(), heldOut[c.question()]));
    }
    Map<String, FittedEmbedding> fitted = new LinkedHashMap<>();
    Map<String, double[]> embeddings = new LinkedHashMap<>();
    for (int m = 0; m < models.size(); m++) {
      fitted.put(models.get(m), FittedEmbedding.of(model.embedding(m), side, answers.get(m)));
      embeddings.put(models.get(m), model.embedding(m));
    }
    return new Trained(new Router(version, encoder, side, embeddings), fitted);
  }
}
