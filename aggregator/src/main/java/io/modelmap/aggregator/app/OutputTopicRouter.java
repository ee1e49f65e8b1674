package io.modelmap.aggregator.app;

import io.modelmap.schemas.avro.BenchmarkScore;
import io.modelmap.schemas.avro.CoordinateFrame;
import io.modelmap.schemas.avro.DeadLetter;
import io.modelmap.schemas.avro.ErrorAgreement;
import io.modelmap.schemas.avro.ModelAccuracy;
import io.modelmap.schemas.avro.ModelCoordinates;
import io.modelmap.schemas.avro.ModelEmbedding;
import io.modelmap.schemas.avro.NeighborList;
import io.modelmap.schemas.avro.ModelAnalytics;
import io.modelmap.schemas.avro.PredictionQuality;
import io.modelmap.schemas.avro.ResponseSimilarity;
import io.modelmap.schemas.avro.ScorePredictions;
import io.modelmap.schemas.topic.TopicNames;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.RecordContext;
import org.apache.kafka.streams.processor.TopicNameExtractor;

/** Sends each output record to the topic of its type; dead letters to their source's DLQ. */
final class OutputTopicRouter implements TopicNameExtractor<String, SpecificRecord> {
  private final TopicNames names;

  OutputTopicRouter(TopicNames names) {
    this.names = names;
  }

  @Override
  public String extract(String key, SpecificRecord value, RecordContext context) {
    if (value instanceof ModelCoordinates) {
      return names.modelCoordinates();
    }
    if (value instanceof CoordinateFrame) {
      return names.coordinateFrame();
    }
    if (value instanceof NeighborList) {
      return names.modelNeighbors();
    }
    if (value instanceof ErrorAgreement) {
      return names.errorAgreement();
    }
    if (value instanceof ModelAccuracy) {
      return names.modelAccuracy();
    }
    if (value instanceof ScorePredictions) {
      return names.scorePredictions();
    }
    if (value instanceof PredictionQuality) {
      return names.predictionQuality();
    }
    if (value instanceof BenchmarkScore) {
      return names.benchmarkScores(); // measured accuracy, read back by prediction
    }
    if (value instanceof ModelAnalytics) {
      return names.modelAnalytics();
    }
    if (value instanceof ModelEmbedding) {
      return names.modelEmbeddings();
    }
    if (value instanceof ResponseSimilarity) {
      return names.responseSimilarity();
    }
    if (value instanceof DeadLetter deadLetter) {
      return TopicNames.deadLetter(deadLetter.getTopic());
    }
    throw new IllegalArgumentException("no output topic for " + value.getClass().getName());
  }
}
