package io.modelmap.schemas.topic;

import io.modelmap.schemas.avro.BenchmarkRegistered;
import io.modelmap.schemas.avro.BenchmarkScore;
import io.modelmap.schemas.avro.CoordinateFrame;
import io.modelmap.schemas.avro.DeadLetter;
import io.modelmap.schemas.avro.ErrorAgreement;
import io.modelmap.schemas.avro.HubDecision;
import io.modelmap.schemas.avro.McAnswers;
import io.modelmap.schemas.avro.McItem;
import io.modelmap.schemas.avro.ModelAccuracy;
import io.modelmap.schemas.avro.ModelAnalytics;
import io.modelmap.schemas.avro.ModelCoordinates;
import io.modelmap.schemas.avro.ModelEmbedding;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.avro.ModelResponses;
import io.modelmap.schemas.avro.NeighborList;
import io.modelmap.schemas.avro.PredictionQuality;
import io.modelmap.schemas.avro.ResponseSimilarity;
import io.modelmap.schemas.avro.ScorePredictions;
import io.modelmap.schemas.avro.ScoreTask;
import io.modelmap.schemas.avro.TextChunk;
import io.modelmap.schemas.avro.TextScores;
import io.modelmap.schemas.registry.SchemaRegistryClient;
import io.modelmap.schemas.serde.AvroSerdes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;

/** Every topic of the system as a {@link Topic} value, built from names and a registry. */
public final class Topics {
  private final TopicNames names;
  private final SchemaRegistryClient registry;

  public Topics(TopicNames names, SchemaRegistryClient registry) {
    this.names = names;
    this.registry = registry;
  }

  public TopicNames names() {
    return names;
  }

  public Topic<String, ModelRegistered> modelRegistered() {
    return topic(names.modelRegistered(), ModelRegistered.class);
  }

  /** The Hub watcher's decisions, keyed {@code repo@commit}. */
  public Topic<String, HubDecision> hubDecisions() {
    return topic(names.hubDecisions(), HubDecision.class);
  }

  public Topic<String, TextChunk> corpusTexts() {
    return topic(names.corpusTexts(), TextChunk.class);
  }

  public Topic<String, McItem> mcItems() {
    return topic(names.mcItems(), McItem.class);
  }

  public Topic<String, ScoreTask> scoreTasks() {
    return topic(names.scoreTasks(), ScoreTask.class);
  }

  public Topic<String, TextScores> textScores() {
    return topic(names.textScores(), TextScores.class);
  }

  public Topic<String, McAnswers> mcAnswers() {
    return topic(names.mcAnswers(), McAnswers.class);
  }

  public Topic<String, ModelCoordinates> modelCoordinates() {
    return topic(names.modelCoordinates(), ModelCoordinates.class);
  }

  public Topic<String, CoordinateFrame> coordinateFrame() {
    return topic(names.coordinateFrame(), CoordinateFrame.class);
  }

  public Topic<String, NeighborList> modelNeighbors() {
    return topic(names.modelNeighbors(), NeighborList.class);
  }

  public Topic<String, ErrorAgreement> errorAgreement() {
    return topic(names.errorAgreement(), ErrorAgreement.class);
  }

  public Topic<String, ModelAccuracy> modelAccuracy() {
    return topic(names.modelAccuracy(), ModelAccuracy.class);
  }

  public Topic<String, BenchmarkScore> benchmarkScores() {
    return topic(names.benchmarkScores(), BenchmarkScore.class);
  }

  public Topic<String, ScorePredictions> scorePredictions() {
    return topic(names.scorePredictions(), ScorePredictions.class);
  }

  public Topic<String, PredictionQuality> predictionQuality() {
    return topic(names.predictionQuality(), PredictionQuality.class);
  }

  public Topic<String, ModelAnalytics> modelAnalytics() {
    return topic(names.modelAnalytics(), ModelAnalytics.class);
  }

  public Topic<String, BenchmarkRegistered> benchmarkRegistered() {
    return topic(names.benchmarkRegistered(), BenchmarkRegistered.class);
  }

  public Topic<String, ModelEmbedding> modelEmbeddings() {
    return topic(names.modelEmbeddings(), ModelEmbedding.class);
  }

  public Topic<String, ModelResponses> modelResponses() {
    return topic(names.modelResponses(), ModelResponses.class);
  }

  public Topic<String, ResponseSimilarity> responseSimilarity() {
    return topic(names.responseSimilarity(), ResponseSimilarity.class);
  }

  /** The dead-letter topic of {@code source}. */
  public Topic<String, DeadLetter> deadLetters(String source) {
    return topic(TopicNames.deadLetter(source), DeadLetter.class);
  }

  private <V extends SpecificRecord> Topic<String, V> topic(String name, Class<V> type) {
    return new Topic<>(name, Serdes.String(), AvroSerdes.value(registry, type));
  }
}
