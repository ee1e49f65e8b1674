package io.modelmap.schemas.topic;

import java.util.Objects;

/**
 * Names of every topic (DESIGN.md §4); {@link #defaults()} gives the documented defaults, and a
 * prefix lets several systems share one cluster.
 */
public record TopicNames(
    String modelRegistered,
    String corpusTexts,
    String mcItems,
    String scoreTasks,
    String textScores,
    String mcAnswers,
    String modelCoordinates,
    String coordinateFrame,
    String modelNeighbors,
    String errorAgreement,
    String modelAccuracy,
    String benchmarkScores,
    String scorePredictions,
    String predictionQuality,
    String modelAnalytics,
    String benchmarkRegistered,
    String modelEmbeddings,
    String modelResponses,
    String responseSimilarity,
    String hubDecisions) {

  public TopicNames {
    for (String name : new String[] {modelRegistered, corpusTexts, mcItems, scoreTasks, textScores,
        mcAnswers, modelCoordinates, coordinateFrame, modelNeighbors, errorAgreement, modelAccuracy, benchmarkScores,
        scorePredictions, predictionQuality, modelAnalytics, benchmarkRegistered, modelEmbeddings,
        modelResponses, responseSimilarity, hubDecisions}) {
      Objects.requireNonNull(name, "topic name");
      if (name.isBlank() || !name.matches("[a-zA-Z0-9._-]+")) {
        throw new IllegalArgumentException("invalid topic name '" + name + "'");
      }
    }
  }

  public static TopicNames defaults() {
    return withPrefix("");
  }

  /** The default names, each preceded by {@code prefix}. */
  public static TopicNames withPrefix(String prefix) {
    return new TopicNames(prefix + "model-registered", prefix + "corpus-texts", prefix + "mc-items",
        prefix + "score-tasks", prefix + "text-scores", prefix + "mc-answers", prefix + "model-coordinates",
        prefix + "coordinate-frame", prefix + "model-neighbors", prefix + "error-agreement",
        prefix + "model-accuracy", prefix + "benchmark-scores", prefix + "score-predictions",
        prefix + "prediction-quality", prefix + "model-analytics", prefix + "benchmark-registered",
        prefix + "model-embeddings", prefix + "model-responses", prefix + "response-similarity",
        prefix + "hub-decisions");
  }

  /** The dead-letter topic of {@code topic}. */
  public static String deadLetter(String topic) {
    return topic + "-dlq";
  }
}
