package io.modelmap.aggregator.api;

import io.modelmap.aggregator.ingest.ModelRegisteredValidator;
import io.modelmap.aggregator.ingest.RefusingDeserializer;
import io.modelmap.aggregator.restore.GuardedStores;
import io.modelmap.schemas.avro.CoordinateFrame;
import io.modelmap.schemas.avro.DeadLetter;
import io.modelmap.schemas.avro.ErrorAgreement;
import io.modelmap.schemas.avro.HubDecision;
import io.modelmap.schemas.avro.ModelAccuracy;
import io.modelmap.schemas.avro.ModelAnalytics;
import io.modelmap.schemas.avro.ModelCoordinates;
import io.modelmap.schemas.avro.ModelEmbedding;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.avro.NeighborList;
import io.modelmap.schemas.avro.PredictionQuality;
import io.modelmap.schemas.avro.ResponseSimilarity;
import io.modelmap.schemas.avro.ScorePredictions;
import io.modelmap.schemas.topic.Topic;
import io.modelmap.schemas.topic.Topics;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;

/**
 * The queryable views: each compacted output topic (and {@code model-registered}, {@code hub-decisions}) as a
 * KTable store.
 * With {@code topology.optimization=all} the topics themselves are the stores' changelogs, so the
 * views cost no extra topic; a restore from such a topic leaves out what the view refused while running
 * ({@link GuardedStores}).
 */
public final class Views {
  static final View<ModelRegistered> REGISTERED = new View<>("view-registered", ModelRegistered.class);
  static final View<ModelCoordinates> COORDINATES = new View<>("view-coordinates", ModelCoordinates.class);
  static final View<NeighborList> NEIGHBORS = new View<>("view-neighbors", NeighborList.class);
  static final View<CoordinateFrame> FRAMES = new View<>("view-frames", CoordinateFrame.class);
  static final View<ErrorAgreement> AGREEMENT = new View<>("view-agreement", ErrorAgreement.class);
  static final View<ModelAccuracy> ACCURACY = new View<>("view-accuracy", ModelAccuracy.class);
  static final View<ScorePredictions> PREDICTIONS = new View<>("view-predictions", ScorePredictions.class);
  static final View<PredictionQuality> QUALITY = new View<>("view-prediction-quality", PredictionQuality.class);
  static final View<ModelAnalytics> ANALYTICS = new View<>("view-analytics", ModelAnalytics.class);
  static final View<ModelEmbedding> EMBEDDINGS = new View<>("view-embeddings", ModelEmbedding.class);
  static final View<ResponseSimilarity> RESPONSE_SIMILARITY =
      new View<>("view-response-similarity", ResponseSimilarity.class);
  /** The Hub watcher's decisions (hub-decisions, keyed repo@commit). */
  static final View<HubDecision> HUB_DECISIONS = new View<>("view-hub-decisions", HubDecision.class);
  /** The last score task of each model the workers gave up on (score-tasks-dlq, keyed by model id). */
  static final View<DeadLetter> FAILURES = new View<>("view-failures", DeadLetter.class);

  private Views() {}

  /** The views prediction also reads: a topic has one source in a topology. */
  public record Shared(KTable<String, ModelRegistered> registered, KTable<String, ModelEmbedding> embeddings) {}

  /** Adds every view; returns the tables prediction also reads. */
  public static Shared addTo(StreamsBuilder builder, Topics topics) {
    Topic<String, ModelRegistered> registrations = topics.modelRegistered();
    // ids checked as every source checks them (DESIGN §4): a refused registration is never in the view
    Serde<ModelRegistered> refusing = Serdes.serdeFrom(registrations.valueSerde().serializer(),
        new RefusingDeserializer<>(registrations.valueSerde().deserializer(), new ModelRegisteredValidator()));
    KTable<String, ModelRegistered> registered = table(builder, registrations.name(), refusing, REGISTERED.store());
    table(builder, topics.modelCoordinates(), COORDINATES.store());
    table(builder, topics.modelNeighbors(), NEIGHBORS.store());
    table(builder, topics.coordinateFrame(), FRAMES.store());
    table(builder, topics.errorAgreement(), AGREEMENT.store());
    table(builder, topics.modelAccuracy(), ACCURACY.store());
    table(builder, topics.scorePredictions(), PREDICTIONS.store());
    table(builder, topics.predictionQuality(), QUALITY.store());
    table(builder, topics.modelAnalytics(), ANALYTICS.store());
    KTable<String, ModelEmbedding> embeddings = table(builder, topics.modelEmbeddings(), EMBEDDINGS.store());
    table(builder, topics.responseSimilarity(), RESPONSE_SIMILARITY.store());
    table(builder, topics.deadLetters(topics.scoreTasks().name()), FAILURES.store());
    table(builder, topics.hubDecisions(), HUB_DECISIONS.store());
    return new Shared(registered, embeddings);
  }

  /** The view of that store name, if it is one. */
  static Optional<View<?>> named(String store) {
    return all().stream().filter(view -> view.store().equals(store)).findFirst();
  }

  static List<View<?>> all() {
    return List.of(REGISTERED, COORDINATES, NEIGHBORS, FRAMES, AGREEMENT, ACCURACY, FAILURES, PREDICTIONS, QUALITY,
        ANALYTICS, EMBEDDINGS, RESPONSE_SIMILARITY, HUB_DECISIONS);
  }

  private static <V extends SpecificRecord> KTable<String, V> table(StreamsBuilder builder, Topic<String, V> topic,
      String store) {
    return table(builder, topic.name(), topic.valueSerde(), store);
  }

  private static <V extends SpecificRecord> KTable<String, V> table(StreamsBuilder builder, String topic,
      Serde<V> values, String store) {
    return builder.table(topic, Consumed.with(Serdes.String(), values).withName("view-source-" + store),
        Materialized.<String, V>as(GuardedStores.timestamped(store, values.deserializer()))
            .withKeySerde(Serdes.String()).withValueSerde(values));
  }
}
