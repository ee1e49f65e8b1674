package io.modelmap.aggregator.embedding;

import io.modelmap.math.embed.Correctness;
import io.modelmap.math.embed.EmbedLlm;
import io.modelmap.math.embed.HashedTfIdfEncoder;
import io.modelmap.encoder.MiniLmEncoder;
import io.modelmap.math.embed.QuestionEncoder;
import io.modelmap.math.embed.QuestionSide;
import io.modelmap.math.embed.SparseVector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of every answer with its question text and benchmark, taken on the stream thread and trained on
 * the background one into a new {@link Router} version: with MiniLM the questions' stored encodings
 * ({@code encodings}, in question order), with TF-IDF the encoder's IDF fitted on the questions not held out;
 * then EmbedLLM on those questions' answers, and each model's accuracy on its own answers. With answers to two benchmarks or more it also
 * trains, for each of the {@link EmbeddingSettings#leaveOutBenchmarks} benchmarks with the most answers, the
 * same network on every answer but that benchmark's (leave-one-benchmark-out, as {@code embedllm-eval
 * --benchmark-forecast}): the embedding forecast of a benchmark reads only those, so it never sees the
 * answers it forecasts. Cost: one more training per such benchmark (same encoding, fewer answers each).
 */
record EmbeddingTraining(int version, List<String> models, List<String> questionTexts,
    List<String> questionBenchmarks, boolean[] heldOut, List<Correctness> observations, EmbeddingSettings settings,
    List<SparseVector> encodings) {
  private static final double LEARNING_RATE = 3e-3;
  private static final double DECAY = 1e-6;
  private static final int BATCH = 256;

  /**
   * The trained router and each model's fitted embedding; per left-out benchmark the router trained without
   * its answers, holding the models that answered anything else.
   */
  record Trained(Router router, Map<String, FittedEmbedding> models, Map<String, Router> leftOut) {}

  Trained fit() {
    HashedTfIdfEncoder tfIdf = settings.encoding() == QuestionEncoding.TFIDF ? tfIdf() : null;
    List<SparseVector> encoded = tfIdf == null ? encodings : questionTexts.stream().map(tfIdf::encode).toList();
    QuestionEncoder encoder = tfIdf == null ? new Encoded(MiniLmEncoder.DIMENSION) : tfIdf;
    List<Correctness> training = observations.stream().filter(c -> !heldOut[c.question()]).toList();
    EmbedLlm model = train(encoder, encoded, training);
    QuestionSide side = model.questionSide();
    List<double[]> features = encoded.stream().map(side::features).toList();
    List<List<FittedEmbedding.Answer>> answers = new ArrayList<>();
    models.forEach(m -> answers.add(new ArrayList<>()));
    for (Correctness c : observations) {
      answers.get(c.model()).add(new FittedEmbedding.Answer(features.get(c.question()), c.correct(),
          heldOut[c.question()], questionBenchmarks.get(c.question())));
    }
    Map<String, FittedEmbedding> fitted = new LinkedHashMap<>();
    Map<String, double[]> embeddings = new LinkedHashMap<>();
    for (int m = 0; m < models.size(); m++) {
      fitted.put(models.get(m), FittedEmbedding.of(model.embedding(m), side, answers.get(m)));
      embeddings.put(models.get(m), model.embedding(m));
    }
    Map<String, Router> leftOut = new LinkedHashMap<>();
    for (String benchmark : leftOutBenchmarks(training)) {
      List<Correctness> without = training.stream()
          .filter(c -> !questionBenchmarks.get(c.question()).equals(benchmark)).toList();
      EmbedLlm network = train(encoder, encoded, without);
      Map<String, double[]> vectors = new LinkedHashMap<>();
      without.stream().mapToInt(Correctness::model).distinct().sorted()
          .forEach(m -> vectors.put(models.get(m), network.embedding(m)));
      leftOut.put(benchmark, router(tfIdf, network.questionSide(), vectors));
    }
    return new Trained(router(tfIdf, side, embeddings), fitted, leftOut);
  }

  private Router router(HashedTfIdfEncoder tfIdf, QuestionSide side, Map<String, double[]> embeddings) {
    return tfIdf == null ? new Router(version, side, embeddings) : new Router(version, tfIdf, side, embeddings);
  }

  private HashedTfIdfEncoder tfIdf() {
    List<String> trainingTexts = new ArrayList<>();
    for (int q = 0; q < questionTexts.size(); q++) {
      if (!heldOut[q]) {
        trainingTexts.add(questionTexts.get(q));
      }
    }
    return HashedTfIdfEncoder.fit(trainingTexts, settings.bits());
  }

  /** Questions already encoded (MiniLM's, from the store): the network needs only their width. */
  private record Encoded(int dimension) implements QuestionEncoder {
    @Override
    public SparseVector encode(String text) {
      throw new UnsupportedOperationException("the questions were encoded before the training");
    }
  }

  /** The benchmarks to leave out: none with one benchmark (nothing would remain), else the most answered. */
  private List<String> leftOutBenchmarks(List<Correctness> training) {
    Map<String, Integer> counts = new HashMap<>();
    training.forEach(c -> counts.merge(questionBenchmarks.get(c.question()), 1, Integer::sum));
    if (counts.size() < 2) {
      return List.of();
    }
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(settings.leaveOutBenchmarks()).map(Map.Entry::getKey).sorted(Comparator.naturalOrder()).toList();
  }

  private EmbedLlm train(QuestionEncoder encoder, List<SparseVector> encoded, List<Correctness> training) {
    return EmbedLlm.fit(models.size(), encoder, encoded, training,
        new EmbedLlm.Settings(settings.dimension(), settings.epochs(), BATCH, LEARNING_RATE, DECAY, version));
  }
}
